// A value that follows another one frame late: what shows it is rendered after the browser has
// painted the frame with the change (the reader's highlight first, then the annotations list).
import { useEffect, useState } from 'react';
import { afterPaint } from '../reader/highlight-layer.ts';

export function useAfterPaint<T>(value: T): T {
  const [late, setLate] = useState(value);
  useEffect(() => {
    let live = true;
    afterPaint(() => live && setLate(() => value));
    return () => {
      live = false;
    };
  }, [value]);
  return late;
}

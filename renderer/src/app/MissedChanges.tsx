// When the window was away from the web host too long (or the host restarted) to be sent the
// changes it missed: a button to read everything again, instead of showing an old state as current.
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

export function MissedChanges() {
  const [missed, setMissed] = useState(false);
  useEffect(() => {
    const subscription = api.onDidMissEvents(() => setMissed(true));
    return () => subscription.dispose();
  }, []);
  if (!missed) return null;
  return (
    <span className="statusbar-item statusbar-warning" role="alert">
      This window missed changes while it was disconnected.{' '}
      <button type="button" className="statusbar-link" onClick={() => window.location.reload()}>
        Reload
      </button>
    </span>
  );
}

// On a team server: who is signed in, with their role, and a way to sign out. Nothing elsewhere.
import { useEffect, useState } from 'react';
import { signOut, teamMember, type TeamMember } from '../api/team-session.ts';

/** The member signed in to this window's team server; undefined elsewhere (and until it is known). */
export function useTeamMember(): TeamMember | undefined {
  const [member, setMember] = useState<TeamMember | undefined>();
  useEffect(() => {
    let live = true;
    void teamMember().then((found) => live && setMember(found));
    return () => {
      live = false;
    };
  }, []);
  return member;
}

export function TeamMemberStatus() {
  const member = useTeamMember();
  if (member === undefined) return null;
  return (
    <span className="statusbar-item statusbar-member" data-testid="team-member">
      Signed in as {member.name} ({member.role}){' '}
      <button type="button" className="statusbar-link" onClick={() => void signOut()}>
        Sign out
      </button>
    </span>
  );
}

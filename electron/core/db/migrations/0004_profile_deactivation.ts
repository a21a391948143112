// Shipped migrations are never edited: add a new numbered file instead.
//
// A profile that leaves the desk is deactivated, never deleted: the audit trail and every
// record it touched keep naming it. NULL means active.
export const name = 'profile_deactivation';
export const sql = `
ALTER TABLE profiles ADD COLUMN deactivated_at TEXT;
`;

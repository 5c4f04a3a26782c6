/**
 * SQL pieces for a person seen through their organization, shared by every query that needs them
 * (people, pairing, contact lists, training, the report) so that they agree.
 */

/**
 * A person's agency type: their own; else, when they have no sector of their own or the same one
 * as their organization, the organization's. A person whose own sector differs (`people set
 * --sector`: a deputy listed under a truck stop's security) must not take the organization's
 * agency type ("truck stop: police").
 * `p`/`o` are the aliases of the people and organizations tables, or of columns holding the
 * person's sector and agency type and the organization's (as `p.sector`, `p.agency_type`…).
 */
export function agencyTypeSql(p = { sector: 'p.sector', agencyType: 'p.agency_type' }, o = { sector: 'o.sector', agencyType: 'o.agency_type' }): string {
  return `(CASE WHEN ${p.sector} IS NOT NULL AND ${p.sector} IS NOT ${o.sector} THEN ${p.agencyType} ELSE coalesce(${p.agencyType}, ${o.agencyType}) END)`;
}

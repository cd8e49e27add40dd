using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Import;

/// <summary>
/// Links pre-2025 communes to their district (<see cref="AdminUnit.DistrictId"/>) by geometry when no district code
/// says it: the district of a commune is the district valid on the commune's first day that covers the commune's
/// point on surface (the lowest id when two do, on a shared border). Communes that already have a district keep it.
/// </summary>
public static class DistrictLinks
{
    /// <summary>Links, among the given communes or to the given districts, every commune still without a district; returns how many.</summary>
    public static Task<int> LinkByPointAsync(DiaBanDb db, int[] communeIds, int[] districtIds, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync("""
            UPDATE admin_unit c SET district_id = pick.district_id
            FROM (
                SELECT c2.id,
                       (SELECT d.id FROM admin_unit d
                        WHERE d.level = 'district'
                          AND d.valid_from <= c2.valid_from AND (d.valid_to IS NULL OR c2.valid_from < d.valid_to)
                          AND (cardinality({1}::int[]) = 0 OR d.id = ANY({1}))
                          AND ST_Covers(d.geom, ST_PointOnSurface(c2.geom))
                        ORDER BY d.id LIMIT 1) AS district_id
                FROM admin_unit c2
                WHERE c2.level = 'commune' AND c2.district_id IS NULL AND c2.valid_from < {2}
                  AND (cardinality({0}::int[]) = 0 OR c2.id = ANY({0}))
            ) pick
            WHERE c.id = pick.id AND pick.district_id IS NOT NULL
            """, [communeIds, districtIds, UnitLevels.DistrictsAbolishedOn], ct);
}

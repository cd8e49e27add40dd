using DiaBan.Analytics.Spatial;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>Queen (≥ 1 coinciding boundary vertex) or rook (≥ 2), the rule of <see cref="ContiguityBuilder"/> and spdep poly2nb.</summary>
public enum ContiguityRule { Queen = 1, Rook = 2 }

/// <summary>
/// Contiguity of stored units computed where the geometries are: boundary vertices dumped into a GIST-indexed temp
/// table and paired with ST_DWithin(snap). Same rule as <see cref="ContiguityBuilder"/> (vertex snapping, not
/// ST_Touches: the simplified VN boundaries overlap slightly and share only their junction vertices).
/// </summary>
public sealed class ContiguityQuery(NpgsqlDataSource dataSource)
{
    /// <summary>Neighbour lists indexed like <paramref name="unitIds"/>, each ascending.</summary>
    public async Task<int[][]> NeighboursAsync(IReadOnlyList<int> unitIds, ContiguityRule rule,
        double snap = ContiguityBuilder.DefaultSnap, CancellationToken ct = default)
    {
        var index = new Dictionary<int, int>(unitIds.Count);
        for (var i = 0; i < unitIds.Count; i++) index.Add(unitIds[i], i);
        var lists = unitIds.Select(_ => new List<int>()).ToArray();

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, """
            CREATE TEMP TABLE contiguity_vertex ON COMMIT DROP AS
            SELECT u.id, d.geom AS pt
            FROM admin_unit u, LATERAL ST_DumpPoints(ST_Multi(u.geom)) d
            -- spdep drops the feature's very first coordinate (a ring's closing point repeats it)
            WHERE u.id = ANY(@ids) AND d.path <> ARRAY[1, 1, 1];
            CREATE INDEX ON contiguity_vertex USING gist (pt);
            ANALYZE contiguity_vertex;
            """, ct, new NpgsqlParameter<int[]>("ids", unitIds.ToArray()));
        await using (var cmd = new NpgsqlCommand("""
            SELECT a.id, b.id FROM contiguity_vertex a JOIN contiguity_vertex b ON a.id < b.id AND ST_DWithin(a.pt, b.pt, @snap)
            GROUP BY a.id, b.id HAVING count(*) >= @required
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter<double>("snap", snap));
            cmd.Parameters.Add(new NpgsqlParameter<int>("required", (int)rule));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                int a = index[reader.GetInt32(0)], b = index[reader.GetInt32(1)];
                lists[a].Add(b);
                lists[b].Add(a);
            }
        }
        await tx.CommitAsync(ct);
        return lists.Select(l => l.Order().ToArray()).ToArray();
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddRange(parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Queries;

/// <summary>
/// The SQL form of an <see cref="AreaScope"/>: a CTE <c>scope_units(id)</c> listing every admin_unit the caller may read.
/// A commune or province scope also reaches the units that went into it in a merger (unit_lineage), so a 2026
/// commune's officer sees its 2023 predecessors, and nothing else.
/// </summary>
internal static class AreaScopeSql
{
    public const string Cte = """
        scope_direct AS (
            SELECT u.id
            FROM admin_unit u
            LEFT JOIN admin_unit p ON p.id = u.parent_id
            WHERE @scope_all
               OR (@scope_province IS NOT NULL AND (p.code = @scope_province OR (u.level = 'province' AND u.code = @scope_province)))
               OR (u.level = 'commune' AND u.code = ANY(@scope_communes)
                   -- codes are reused across the 2025 merger: a listed code means the current commune when one has it
                   AND (u.valid_to IS NULL OR NOT EXISTS (
                       SELECT 1 FROM admin_unit c WHERE c.level = 'commune' AND c.code = u.code AND c.valid_to IS NULL)))
        ),
        scope_units AS (
            SELECT id FROM scope_direct
            UNION
            SELECT l.old_unit_id FROM unit_lineage l JOIN scope_direct d ON d.id = l.new_unit_id
        )
        """;

    /// <summary>Ids of every admin_unit the scope reaches (the scope itself with merged predecessors); none for an empty scope.</summary>
    public static async Task<List<int>> UnitIdsAsync(NpgsqlDataSource dataSource, AreaScope scope, CancellationToken ct)
    {
        var ids = new List<int>();
        if (scope.IsEmpty) return ids;
        await using var command = dataSource.CreateCommand($"WITH {Cte} SELECT id FROM scope_units");
        AddParameters(command, scope);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt32(0));
        return ids;
    }

    public static void AddParameters(NpgsqlCommand command, AreaScope scope)
    {
        command.Parameters.Add(new NpgsqlParameter<bool>("scope_all", scope.IsUnrestricted));
        command.Parameters.Add(new NpgsqlParameter("scope_province", NpgsqlDbType.Text) { Value = (object?)scope.ProvinceCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string[]>("scope_communes", scope.CommuneCodes.ToArray()));
    }
}

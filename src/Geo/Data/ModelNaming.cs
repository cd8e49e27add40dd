using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Data;

/// <summary>Applies snake_case to every table, column, key, foreign key and index name of the model.</summary>
internal static class ModelNaming
{
    public static void ApplySnakeCase(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is not null && !HasExplicitName(table)) entity.SetTableName(SnakeCase.From(table));
            foreach (var property in entity.GetProperties().Where(p => p.GetColumnName() != SystemColumnXmin))
                property.SetColumnName(SnakeCase.From(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(SnakeCase.From(key.GetName() ?? ""));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(SnakeCase.From(fk.GetConstraintName() ?? ""));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase.From(index.GetDatabaseName() ?? ""));
        }
    }

    // PostgreSQL's row version (optimistic concurrency tokens): a system column, its name is fixed
    private const string SystemColumnXmin = "xmin";

    // names set in a configuration with ToTable("snake_name") are already final
    private static bool HasExplicitName(string table) => table.Contains('_') || table == table.ToLowerInvariant();
}

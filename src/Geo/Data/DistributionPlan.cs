using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DiaBan.Geo.Data;

/// <summary>
/// Where each table goes when DiaBan runs on Citus (docs/scale.md): tables that grow with the country are distributed
/// by <see cref="Column"/>, small tables every query joins are reference tables (a copy on every node), and the audit
/// trail stays on the coordinator. <see cref="Violations"/> checks the EF model against the plan; CI asserts that what
/// it finds is exactly <see cref="KnownGaps"/>, so the plan and the schema cannot drift apart unnoticed.
/// </summary>
public static class DistributionPlan
{
    /// <summary>The distribution column: the two-digit GSO province code.</summary>
    public const string Column = "province_code";

    public enum Placement
    {
        /// <summary>Hash-distributed by province code, all colocated: a province's rows live on one node.</summary>
        Distributed,
        /// <summary>Replicated to every node, so any shard joins it locally.</summary>
        Reference,
        /// <summary>A plain table on the coordinator, never joined with a distributed table.</summary>
        Coordinator,
    }

    public sealed record TablePlan(string Table, Placement Placement, string Why);

    public static readonly IReadOnlyList<TablePlan> Tables =
    [
        new("incident", Placement.Distributed, "millions of rows a year nationally; every read is per province or aggregated per province"),
        new("risk_score", Placement.Distributed, "one row per commune, quarter and model version"),
        new("status_assessment", Placement.Distributed, "one row per commune and year, edited by provincial officers"),
        new("unit_indicator", Placement.Distributed, "one row per commune and year"),
        new("figure_entry", Placement.Distributed, "one web form per commune and period (year, half, quarter, month), reviewed per province"),
        new("patrol_exposure", Placement.Distributed, "one row per commune and quarter"),
        new("grid_cell", Placement.Distributed, "about 80,000 squares per 5,000 km² province and cell size, per commune era; built and read per province"),
        new("patrol_cell_exposure", Placement.Distributed, "one row per patrolled square and shift or week"),
        new("conditional_business", Placement.Distributed, "grows with every licensed venue; read per province"),
        new("recognition_case", Placement.Distributed, "one case per commune; read and stepped per province"),
        new("recognition_step", Placement.Distributed, "the append-only steps of a case, co-located with it"),
        new("recognition_evidence", Placement.Distributed, "files attached to a step (bytea), co-located with the step"),
        new("incident_entry", Placement.Distributed, "incidents typed on the web and their review; read and verified per province, co-located with incident"),
        new("business_inspection", Placement.Distributed, "inspections of conditional businesses entered on the web, co-located with the business"),
        new("drug_spot", Placement.Distributed, "drug spots (điểm, tụ điểm) of a province; read and stepped per province"),
        new("drug_spot_step", Placement.Distributed, "the steps of a spot's lifecycle, co-located with the spot"),
        new("tip", Placement.Distributed, "tips received by a province's police; counted per commune"),
        new("admin_unit", Placement.Reference, "about 15,000 versioned units (provinces, pre-2025 districts, communes; a commune's district link stays inside the table), joined by every query and by the point-in-commune assignment"),
        new("unit_lineage", Placement.Reference, "the crosswalk between old and new communes; crosses provinces after mergers"),
        new("key_route", Placement.Reference, "a few hundred trafficking routes that cross provinces"),
        new("rule_set", Placement.Reference, "the classification rules, referenced by every status_assessment"),
        new("plan_target", Placement.Reference, "a few thousand targets; a national target spans provinces"),
        new("risk_model", Placement.Reference, "a handful of models referenced by risk_score (a distributed table may only reference a reference table)"),
        new("commune_grid", Placement.Coordinator, "a few stored commune grids (derived from admin_unit, read whole by the incident importer), never joined"),
        new("audit_entry", Placement.Coordinator, "append-only trail, written by every node's request through the coordinator; read by admins only"),
    ];

    /// <summary>
    /// What the schema lacks today against the plan (the messages <see cref="Violations"/> gives). No table carries the
    /// province code yet: a province is reached through admin_unit.parent_id. Adding the column is the first migration
    /// of a Citus move (docs/scale.md); strike a gap here when it is closed.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownGaps = new HashSet<string>
    {
        "incident: distributed but has no province_code column",
        "risk_score: distributed but has no province_code column",
        "status_assessment: distributed but has no province_code column",
        "unit_indicator: distributed but has no province_code column",
        "figure_entry: distributed but has no province_code column",
        "patrol_exposure: distributed but has no province_code column",
        "grid_cell: distributed but has no province_code column",
        "patrol_cell_exposure: distributed but has no province_code column",
        "conditional_business: distributed but has no province_code column",
        "recognition_case: distributed but has no province_code column",
        "recognition_step: distributed but has no province_code column",
        "recognition_evidence: distributed but has no province_code column",
        "incident_entry: distributed but has no province_code column",
        "incident_entry → incident: a foreign key between distributed tables must include province_code",
        "business_inspection: distributed but has no province_code column",
        "business_inspection → conditional_business: a foreign key between distributed tables must include province_code",
        "drug_spot: distributed but has no province_code column",
        "drug_spot_step: distributed but has no province_code column",
        "tip: distributed but has no province_code column",
        "drug_spot_step → drug_spot: a foreign key between distributed tables must include province_code",
        "recognition_step → recognition_case: a foreign key between distributed tables must include province_code",
        "recognition_evidence → recognition_step: a foreign key between distributed tables must include province_code",
    };

    public static Placement? Of(string table) => Tables.FirstOrDefault(t => t.Table == table)?.Placement;

    /// <summary>The statements that place the tables on Citus, in the order it needs: reference tables, then the distributed ones colocated with incident.</summary>
    public static IEnumerable<string> CitusStatements() =>
        Tables.Where(t => t.Placement == Placement.Reference).Select(t => $"SELECT create_reference_table('{t.Table}');")
            .Concat(Tables.Where(t => t.Placement == Placement.Distributed).Select(t =>
                $"SELECT create_distributed_table('{t.Table}', '{Column}'{(t.Table == "incident" ? "" : ", colocate_with => 'incident'")});"));

    /// <summary>Every way the model breaks the plan or a Citus rule for it, one message each.</summary>
    public static IReadOnlyList<string> Violations(IModel model)
    {
        var found = new List<string>();
        var entities = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        var tables = entities.Select(e => e.GetTableName()!).ToHashSet();
        found.AddRange(tables.Where(t => Of(t) is null).Select(t => $"{t}: not in the distribution plan"));
        found.AddRange(Tables.Where(t => !tables.Contains(t.Table)).Select(t => $"{t.Table}: planned but not in the model"));

        foreach (var e in entities)
        {
            var table = e.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, e.GetSchema());
            string Name(IReadOnlyProperty p) => p.GetColumnName(store) ?? p.Name;
            bool Includes(IEnumerable<IReadOnlyProperty> columns) => columns.Any(p => Name(p) == Column);
            var placement = Of(table);

            if (placement == Placement.Distributed)
            {
                if (!e.GetProperties().Any(p => Name(p) == Column))
                {
                    found.Add($"{table}: distributed but has no {Column} column");
                }
                else
                {
                    // Citus enforces uniqueness only within a shard: every unique key must contain the distribution column
                    if (e.FindPrimaryKey() is { } pk && !Includes(pk.Properties))
                        found.Add($"{table}: primary key ({string.Join(", ", pk.Properties.Select(Name))}) lacks {Column}");
                    foreach (var ix in e.GetIndexes().Where(i => i.IsUnique && !Includes(i.Properties)))
                        found.Add($"{table}: unique index {ix.GetDatabaseName()} lacks {Column}");
                }
            }

            foreach (var fk in e.GetForeignKeys())
            {
                var target = fk.PrincipalEntityType.GetTableName()!;
                var to = Of(target);
                if (placement == Placement.Distributed && to == Placement.Distributed
                    && !(Includes(fk.Properties) && Includes(fk.PrincipalKey.Properties)))
                    found.Add($"{table} → {target}: a foreign key between distributed tables must include {Column}");
                if (placement != Placement.Distributed && to == Placement.Distributed)
                    found.Add($"{table} → {target}: a {placement} table cannot reference a distributed one");
                if (placement == Placement.Distributed && to == Placement.Coordinator)
                    found.Add($"{table} → {target}: a distributed table cannot reference a coordinator-only table");
            }
        }
        return found;
    }
}

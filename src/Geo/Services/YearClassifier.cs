using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Services;

/// <summary>
/// Classifies every commune valid at a year's end and stores the result in status_assessment: the computed part is
/// replaced on every run, the official part (status decided by the province) is never touched. A merged unit is
/// classified from its own recomputed figures, never from a predecessor's status. Set-based: the figures come from
/// one query per kind for the whole year (<see cref="FigureAssembler"/>), the results go by one binary COPY and one
/// INSERT … ON CONFLICT, whatever the number of communes.
/// </summary>
public sealed class YearClassifier(DiaBanDb db)
{
    /// <summary>The wall time of each phase of the last <see cref="ClassifyAsync"/> (rule set, each figure query,
    /// classification, JSON, COPY, upsert, audit): what the classification bench prints.</summary>
    public PhaseTimes? LastPhases { get; private set; }

    /// <param name="ruleSetId">A stored rule set id; null = the one in force on 31 December of the year.</param>
    /// <param name="ruleSetVersion">A specific version; null = the latest stored version of that id.</param>
    public async Task<YearClassification> ClassifyAsync(int year, string? ruleSetId = null, int? ruleSetVersion = null,
        CancellationToken ct = default)
    {
        var times = LastPhases = new PhaseTimes();
        var store = new RuleSetStore(db);
        await store.EnsureSeededAsync(ct);
        var catalog = await store.LoadCatalogAsync(ct);
        var ruleSet = ruleSetId is null
            ? catalog.ForDate(new DateOnly(year, 12, 31))
            : catalog.Find(ruleSetId, ruleSetVersion) ?? throw new InvalidOperationException(
                $"rule set {ruleSetId}{(ruleSetVersion is null ? "" : $" v{ruleSetVersion}")} not found / không tìm thấy bộ tiêu chí; " +
                $"known: {string.Join(", ", catalog.RuleSets.Select(r => $"{r.Id} v{r.Version}"))}");

        times.Lap("rule set");
        var figures = await new FigureAssembler(db) { Times = times }.AssembleAsync(year, ct);
        var results = new StatusAssessmentResult[figures.Count];
        Parallel.For(0, figures.Count, i => results[i] = StatusClassifier.Classify(ruleSet, figures[i].Figures));
        times.Lap("classify");
        // the stored text of each row, on all cores (the COPY below only sends it)
        var criteria = new string[figures.Count];
        var inputs = new string[figures.Count];
        var labels = new List<string>[figures.Count];
        Parallel.For(0, figures.Count, i =>
        {
            criteria[i] = AssessmentJson.Criteria(results[i]);
            inputs[i] = AssessmentJson.Inputs(figures[i]);
            labels[i] = figures[i].DerivedLabels();
        });
        times.Lap("json");
        var now = DateTimeOffset.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var byStatus = new Dictionary<CommuneStatus, int>();
        int provisional = 0, estimated = 0;
        using (var bulk = db.BulkWrite("classify", "status_assessment"))
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            await ExecAsync(conn, """
                CREATE TEMP TABLE status_stage (unit_id int, computed_status text, provisional bool, criteria jsonb,
                    inputs jsonb, derived_inputs text[]) ON COMMIT DROP
                """, ct);
            await using (var copy = await conn.BeginBinaryImportAsync(
                "COPY status_stage (unit_id, computed_status, provisional, criteria, inputs, derived_inputs) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var i = 0; i < figures.Count; i++)
                {
                    var (f, result) = (figures[i], results[i]);
                    // an estimated input makes the result provisional too: it is not a reported figure
                    var isProvisional = result.Provisional || f.Estimated;
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(f.UnitId, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(result.Status.Code(), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(isProvisional, NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync(criteria[i], NpgsqlDbType.Jsonb, ct);
                    await copy.WriteAsync(inputs[i], NpgsqlDbType.Jsonb, ct);
                    await copy.WriteAsync(labels[i], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                    byStatus[result.Status] = byStatus.GetValueOrDefault(result.Status) + 1;
                    if (isProvisional) provisional++;
                    if (f.Estimated) estimated++;
                }
                await copy.CompleteAsync(ct);
            }
            times.Lap("copy");
            // one statement for the year: the computed part replaced, the official part (status decided by the province) kept
            await using (var upsert = new NpgsqlCommand("""
                INSERT INTO status_assessment (unit_id, year, rule_set_id, rule_set_version, regime, computed_status, provisional,
                                               criteria, inputs, derived_inputs, computed_at)
                SELECT unit_id, @year, @rule_set, @version, @regime, computed_status, provisional, criteria, inputs, derived_inputs, @now
                FROM status_stage
                ON CONFLICT (unit_id, year) DO UPDATE SET
                    rule_set_id = excluded.rule_set_id, rule_set_version = excluded.rule_set_version, regime = excluded.regime,
                    computed_status = excluded.computed_status, provisional = excluded.provisional, criteria = excluded.criteria,
                    inputs = excluded.inputs, derived_inputs = excluded.derived_inputs, computed_at = excluded.computed_at
                """, conn) { CommandTimeout = 0 })
            {
                upsert.Parameters.AddWithValue("year", year);
                upsert.Parameters.AddWithValue("rule_set", ruleSet.Id);
                upsert.Parameters.AddWithValue("version", ruleSet.Version);
                upsert.Parameters.AddWithValue("regime", ruleSet.Regime.Code());
                upsert.Parameters.AddWithValue("now", now);
                await upsert.ExecuteNonQueryAsync(ct);
            }
            times.Lap("upsert");
            var summary = new YearClassification(year, ruleSet.Id, ruleSet.Version, ruleSet.Regime, figures.Count,
                provisional, estimated, byStatus);
            bulk.Summarise(new
            {
                year, rule_set = ruleSet.Id, version = ruleSet.Version, units = figures.Count, provisional, estimated,
                by_status = byStatus.ToDictionary(s => s.Key.Code(), s => s.Value),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            times.Lap("audit + commit");
            (db.GetInfrastructure().GetService<ILoggerFactory>()?.CreateLogger<YearClassifier>() ?? (ILogger)NullLogger.Instance)
                .LogInformation("classified {Summary} (by {Actor})", summary.ToString(), db.Actor);
            return summary;
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

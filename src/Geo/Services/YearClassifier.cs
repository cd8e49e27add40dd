using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Services;

/// <summary>
/// Classifies every commune valid at a year's end and stores the result in status_assessment: the computed part is
/// replaced on every run, the official part (status decided by the province) is never touched. A merged unit is
/// classified from its own recomputed figures, never from a predecessor's status.
/// </summary>
public sealed class YearClassifier(DiaBanDb db)
{
    /// <param name="ruleSetId">A stored rule set id; null = the one in force on 31 December of the year.</param>
    /// <param name="ruleSetVersion">A specific version; null = the latest stored version of that id.</param>
    public async Task<YearClassification> ClassifyAsync(int year, string? ruleSetId = null, int? ruleSetVersion = null,
        CancellationToken ct = default)
    {
        var store = new RuleSetStore(db);
        await store.EnsureSeededAsync(ct);
        var catalog = await store.LoadCatalogAsync(ct);
        var ruleSet = ruleSetId is null
            ? catalog.ForDate(new DateOnly(year, 12, 31))
            : catalog.Find(ruleSetId, ruleSetVersion) ?? throw new InvalidOperationException(
                $"rule set {ruleSetId}{(ruleSetVersion is null ? "" : $" v{ruleSetVersion}")} not found / không tìm thấy bộ tiêu chí; " +
                $"known: {string.Join(", ", catalog.RuleSets.Select(r => $"{r.Id} v{r.Version}"))}");

        var figures = await new FigureAssembler(db).AssembleAsync(year, ct);
        var now = DateTimeOffset.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var byStatus = new Dictionary<CommuneStatus, int>();
        int provisional = 0, estimated = 0;
        using (var bulk = db.BulkWrite("classify", "status_assessment"))
        {
            var unitIds = figures.Select(f => f.UnitId).ToList();
            var existing = await db.StatusAssessments.Where(a => a.Year == year && unitIds.Contains(a.UnitId))
                .ToDictionaryAsync(a => a.UnitId, ct);
            foreach (var f in figures)
            {
                var result = StatusClassifier.Classify(ruleSet, f.Figures);
                if (!existing.TryGetValue(f.UnitId, out var row))
                {
                    row = new StatusAssessment { UnitId = f.UnitId, Year = year };
                    db.StatusAssessments.Add(row);
                }
                row.RuleSetId = ruleSet.Id;
                row.RuleSetVersion = ruleSet.Version;
                row.Regime = ruleSet.Regime;
                row.ComputedStatus = result.Status;
                // an estimated input makes the result provisional too: it is not a reported figure
                row.Provisional = result.Provisional || f.Estimated;
                row.Criteria = AssessmentJson.Criteria(result);
                row.Inputs = AssessmentJson.Inputs(f);
                row.DerivedInputs = f.DerivedLabels();
                row.ComputedAt = now;
                byStatus[result.Status] = byStatus.GetValueOrDefault(result.Status) + 1;
                if (row.Provisional) provisional++;
                if (f.Estimated) estimated++;
            }
            await db.SaveChangesAsync(ct);
            var summary = new YearClassification(year, ruleSet.Id, ruleSet.Version, ruleSet.Regime, figures.Count,
                provisional, estimated, byStatus);
            bulk.Summarise(new
            {
                year, rule_set = ruleSet.Id, version = ruleSet.Version, units = figures.Count, provisional, estimated,
                by_status = byStatus.ToDictionary(s => s.Key.Code(), s => s.Value),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return summary;
        }
    }
}

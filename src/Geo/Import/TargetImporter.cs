using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>
/// Imports plan targets (table plan_target) from the targets file of docs/planning.md (CSV or XLSX, one target per
/// row), validated row by row with <see cref="PlanTargetRow.Validate"/>. Every error of the file is reported as
/// <c>file:row:field: what is wrong</c> and nothing is written; a good file is written in one transaction with one
/// audit row. A target with the same scope, year, indicator and key type as a stored one replaces it (a revised plan).
/// </summary>
public sealed class TargetImporter(DiaBanDb db, Action<string>? progress = null)
{
    public const string Entity = "plan_target";

    public Task<ImportResult> ImportAsync(string path, CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, Entity, path, () => ImportCoreAsync(path, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, CancellationToken ct)
    {
        var table = TableFile.Read(path);
        var header = PlanTargetRow.CheckHeader(table.Header.Where(h => h.Length > 0));
        if (header.Count > 0)
            throw new ImportException(header.Select(e => new ImportError(table.Name, 1, e.Field, e.Message)).ToList());

        var errors = new ImportErrors(table.Name);
        var targets = new List<(int Row, PlanTarget Target)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var fields = PlanTargetRow.Columns.ToDictionary(c => c, row.Get, StringComparer.Ordinal);
            var result = PlanTargetRow.Validate(fields);
            foreach (var e in result.Errors) errors.Add(row.Row, e.Field, e.Message);
            if (result.Target is not { } target) continue;
            if (!seen.TryAdd(Key(target), row.Row))
            {
                errors.Add(row.Row, PlanTargetRow.Indicator, $"trùng chỉ tiêu ở dòng {seen[Key(target)]} (cùng phạm vi, năm, chỉ tiêu) / repeats row {seen[Key(target)]}");
                continue;
            }
            targets.Add((row.Row, target));
        }
        errors.ThrowIfAny();

        var batch = ImportBatch.NewId("targets");
        var now = DateTimeOffset.UtcNow;
        var years = targets.Select(t => t.Target.Year).Distinct().ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int inserted = 0, updated = 0;
        using (db.BulkWrite("import", Entity))
        {
            var existing = db.PlanTargets.Where(t => years.Contains(t.Year)).AsEnumerable()
                .GroupBy(t => Key(t.ToTarget())).ToDictionary(g => g.Key, g => g.First());
            foreach (var (_, target) in targets)
            {
                if (existing.TryGetValue(Key(target), out var record))
                {
                    record.CopyFrom(target);
                    record.UpdatedBy = db.Actor;
                    record.UpdatedAt = now;
                    updated++;
                }
                else
                {
                    record = PlanTargetRecord.From(target, db.Actor, now);
                    db.PlanTargets.Add(record);
                    inserted++;
                }
                record.ImportBatch = batch;
            }
            await db.SaveChangesAsync(ct);
            db.AuditEntries.Add(AuditRows.Import(db.Actor, Entity, new { file = table.Name, batch, inserted, updated }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        progress?.Invoke($"{table.Name}: {inserted} inserted, {updated} replaced");
        return new ImportResult(batch, table.Name, inserted, updated);
    }

    // one target per scope, year, indicator and key type: a second row would be two competing levels for one figure
    internal static string Key(PlanTarget t) =>
        $"{t.Scope.Level.Code()}|{string.Join(';', t.Scope.Codes.Order(StringComparer.Ordinal))}|{t.Year}|{t.Indicator.Code()}|{t.KeyType?.ToString()}|{t.Comparison.Code()}";
}

using DiaBan.Geo.Data;

namespace DiaBan.Geo.Import;

/// <summary>
/// A refused or failed import leaves an audit row too (action import_failed: entity, file, error count, first errors),
/// written in its own transaction after the import's own transaction has rolled back.
/// </summary>
public static class FailedImportAudit
{
    public const string Action = "import_failed";
    private const int FirstErrors = 10;

    /// <summary>Runs the import; when it throws, records the failure and rethrows the original exception.</summary>
    public static async Task<ImportResult> RunAsync(DiaBanDb db, string entity, string path, Func<Task<ImportResult>> import)
    {
        try
        {
            return await import();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAsync(db, entity, Path.GetFileName(path), e);
            throw;
        }
    }

    private static async Task RecordAsync(DiaBanDb db, string entity, string file, Exception failure)
    {
        var errors = failure is ImportException ie ? ie.Errors.Select(x => x.ToString()).ToList() : [failure.Message];
        var total = failure is ImportException ix ? ix.Total : 1;
        // whatever the failed import had added is discarded, so only the audit row is saved
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(AuditRows.Bulk(db.Actor, Action, entity, new
        {
            file,
            error_count = total,
            first_errors = errors.Take(FirstErrors).ToArray(),
            exception = failure is ImportException ? null : failure.GetType().Name,
        }));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // the database itself is what failed: the original error is the one to report
            failure.Data["audit"] = $"the failure could not be audited: {e.Message}";
        }
    }
}

using DiaBan.Geo.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiaBan.Geo.Import;

/// <summary>
/// Every import runs through here: it is logged (start, rows written or errors) and a refused or failed import leaves an audit row too (action import_failed: entity, file, error count, first errors),
/// written in its own transaction after the import's own transaction has rolled back.
/// </summary>
public static class FailedImportAudit
{
    public const string Action = "import_failed";
    private const int FirstErrors = 10;

    /// <summary>Runs the import; when it throws, records the failure and rethrows the original exception.</summary>
    public static async Task<ImportResult> RunAsync(DiaBanDb db, string entity, string path, Func<Task<ImportResult>> import)
    {
        var log = Logger(db);
        log.LogInformation("import {Entity} from {File} started by {Actor}", entity, Path.GetFileName(path), db.Actor);
        try
        {
            var result = await import();
            log.LogInformation("import {Entity} from {File}: {Inserted} inserted, {Updated} updated, {Skipped} skipped (batch {Batch})",
                entity, result.File, result.Inserted, result.Updated, result.Skipped, result.Batch);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("import {Entity} from {File} refused: {ErrorCount} error(s), first: {FirstError}", entity, Path.GetFileName(path),
                e is ImportException ie ? ie.Total : 1, e is ImportException ix && ix.Errors.Count > 0 ? ix.Errors[0].ToString() : e.Message);
            await RecordAsync(db, entity, Path.GetFileName(path), e);
            throw;
        }
    }

    // the logger factory the context was built with (the app's in Web; none in the CLI, which prints its own lines)
    private static ILogger Logger(DiaBanDb db) =>
        db.GetInfrastructure().GetService<ILoggerFactory>()?.CreateLogger("DiaBan.Import") ?? NullLogger.Instance;

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

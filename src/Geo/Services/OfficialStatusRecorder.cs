using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>What a recorded (or withdrawn) official status changed; <paramref name="Version"/> is the row's new version.</summary>
public sealed record OfficialStatusChange(string Code, string Name, int Year, CommuneStatus ComputedStatus, CommuneStatus? OfficialStatus,
    CommuneStatus? PreviousOfficialStatus, uint Version);

/// <summary>The official part of a commune's assessment for a year, with the version an edit must name.</summary>
public sealed record OfficialStatusState(string Code, string Name, int Year, CommuneStatus ComputedStatus, CommuneStatus? OfficialStatus,
    string? OfficialReason, string? OfficialBy, DateTimeOffset? OfficialAt, uint Version);

/// <summary>
/// Records the status the province decided for a commune and year (DOMAIN.md: the official status always wins over the
/// computed one). Only inside the caller's area, and only over the version the caller saw (optimistic concurrency on
/// PostgreSQL's xmin), so two leaders cannot silently overwrite each other and the audit's before-value is the true one.
/// The change and its audit row commit together, retried as a whole on a transient database fault.
/// An edit answers like every other write (<see cref="WriteResult{T}"/>): done with the change; invalid by field (status,
/// reason); not found (no assessment for the commune and year inside the scope); version required (no version named);
/// stale with the row's version now.
/// </summary>
public sealed class OfficialStatusRecorder(DiaBanDb db)
{
    public const int MaxReasonLength = 1000;

    /// <summary>The official status as it stands, or null when the commune has no assessment for the year inside the scope.</summary>
    public async Task<OfficialStatusState?> CurrentAsync(string code, int year, AreaScope scope, CancellationToken ct = default)
    {
        var id = await FindAssessmentIdAsync(code, year, scope, ct);
        if (id is null) return null;
        var a = await db.StatusAssessments.AsNoTracking().Include(x => x.Unit).SingleAsync(x => x.Id == id, ct);
        return new OfficialStatusState(a.Unit.Code, a.Unit.Name, a.Year, a.ComputedStatus, a.OfficialStatus, a.OfficialReason,
            a.OfficialBy, a.OfficialAt, a.Version);
    }

    /// <param name="status">A <see cref="CommuneStatus"/> code, or null to withdraw the official status.</param>
    /// <param name="expectedVersion">The version the caller read (ETag, feature property `version`); null is refused.</param>
    public async Task<WriteResult<OfficialStatusChange>> RecordAsync(string code, int year, string? status, string reason, string actor,
        AreaScope scope, uint? expectedVersion, CancellationToken ct = default)
    {
        // a decision names a status; "insufficient data" is what the classifier says when it cannot
        var decidable = CommuneStatusInfo.All.Where(s => s.IsRanked()).ToArray();
        if (status is not null && !decidable.Any(s => s.Code() == status))
            return Write.Invalid("status", $"unknown status '{status}' / trạng thái không hợp lệ; one of: {string.Join(", ", decidable.Select(s => s.Code()))}");
        if (string.IsNullOrWhiteSpace(reason))
            return Write.Invalid("reason", "a reason (the decision's number and date) is required / cần ghi căn cứ (số, ngày quyết định)");
        if (reason.Length > MaxReasonLength)
            return Write.Invalid("reason", $"reason longer than {MaxReasonLength} characters / căn cứ dài quá {MaxReasonLength} ký tự");

        var id = await FindAssessmentIdAsync(code, year, scope, ct);
        if (id is null) return Write.NotFound;
        if (expectedVersion is not { } expected) return Write.VersionRequired;
        var official = status is null ? (CommuneStatus?)null : CommuneStatusInfo.FromCode(status);

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<WriteResult<OfficialStatusChange>> (CancellationToken token) =>
        {
            db.ChangeTracker.Clear(); // a retry starts from what the database holds now
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var assessment = await db.StatusAssessments.Include(a => a.Unit).SingleAsync(a => a.Id == id, token);
            if (assessment.Version != expected)
                return Write.StaleAt(assessment.Version);
            var previous = assessment.OfficialStatus;
            Stamp(assessment, official, reason, actor, DateTimeOffset.UtcNow);
            db.Actor = actor;
            try
            {
                // UPDATE … WHERE id = @id AND xmin = @expected: a writer that committed since our read makes it match nothing
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                await tx.RollbackAsync(token);
                db.ChangeTracker.Clear();
                var now = await db.StatusAssessments.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).SingleAsync(token);
                return Write.StaleAt(now);
            }
            await tx.CommitAsync(token);
            return Write.Done(new OfficialStatusChange(assessment.Unit.Code,
                assessment.Unit.Name, year, assessment.ComputedStatus, official, previous, assessment.Version));
        }, ct);
    }

    /// <summary>Writes the official part of an assessment (this form, and the decision steps of a recognition case).</summary>
    public static void Stamp(StatusAssessment assessment, CommuneStatus? official, string reason, string actor, DateTimeOffset at)
    {
        assessment.OfficialStatus = official;
        assessment.OfficialReason = reason.Trim();
        assessment.OfficialBy = actor;
        assessment.OfficialAt = at;
    }

    // The commune with this code valid at the end of the year, and only if the scope reaches it.
    private async Task<long?> FindAssessmentIdAsync(string code, int year, AreaScope scope, CancellationToken ct)
    {
        if (scope.IsEmpty) return null;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT a.id FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
            WHERE u.level = 'commune' AND u.code = @code AND a.year = @year
              AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
              AND u.id IN (SELECT id FROM scope_units)
            """, conn);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        return await command.ExecuteScalarAsync(ct) is long found ? found : null;
    }
}

using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>What a recorded (or withdrawn) official status changed.</summary>
public sealed record OfficialStatusChange(string Code, string Name, int Year, CommuneStatus ComputedStatus, CommuneStatus? OfficialStatus, CommuneStatus? PreviousOfficialStatus);

/// <summary>
/// Records the status the province decided for a commune and year (DOMAIN.md: the official status always wins over the
/// computed one). Only inside the caller's area; the change is audited under the caller's name by the EF interceptor.
/// </summary>
public sealed class OfficialStatusRecorder(DiaBanDb db)
{
    public const int MaxReasonLength = 1000;

    /// <param name="status">A <see cref="CommuneStatus"/> code, or null to withdraw the official status.</param>
    /// <returns>The change, or null when the commune has no assessment for the year inside <paramref name="scope"/>.</returns>
    public async Task<OfficialStatusChange?> RecordAsync(string code, int year, string? status, string reason, string actor,
        AreaScope scope, CancellationToken ct = default)
    {
        if (status is not null && !CommuneStatusInfo.All.Any(s => s.Code() == status))
            throw new ArgumentException($"unknown status '{status}' / trạng thái không hợp lệ; one of: {string.Join(", ", CommuneStatusInfo.All.Select(s => s.Code()))}");
        if (string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("a reason (the decision's number and date) is required / cần ghi căn cứ (số, ngày quyết định)");
        if (reason.Length > MaxReasonLength)
            throw new ArgumentException($"reason longer than {MaxReasonLength} characters");

        var id = await FindAssessmentIdAsync(code, year, scope, ct);
        if (id is null) return null;
        var assessment = await db.StatusAssessments.Include(a => a.Unit).SingleAsync(a => a.Id == id, ct);
        var previous = assessment.OfficialStatus;
        var official = status is null ? (CommuneStatus?)null : CommuneStatusInfo.FromCode(status);
        assessment.OfficialStatus = official;
        assessment.OfficialReason = reason.Trim();
        assessment.OfficialBy = actor;
        assessment.OfficialAt = DateTimeOffset.UtcNow;
        db.Actor = actor;
        await db.SaveChangesAsync(ct);
        return new OfficialStatusChange(assessment.Unit.Code, assessment.Unit.Name, year, assessment.ComputedStatus, official, previous);
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
              AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
              AND u.id IN (SELECT id FROM scope_units)
            """, conn);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        return await command.ExecuteScalarAsync(ct) is long found ? found : null;
    }
}

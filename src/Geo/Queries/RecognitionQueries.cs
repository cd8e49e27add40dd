using System.Text.Json;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>An evidence file as listed (its bytes are read only by <see cref="RecognitionQueries.EvidenceAsync"/>).</summary>
public sealed record RecognitionEvidenceView(long Id, string FileName, string MediaType, long SizeBytes, string Sha256);

/// <summary>The criteria figures a proposal or re-check rests on, frozen with the step.</summary>
/// <param name="Figures">The classifier's inputs as stored in status_assessment.inputs (snake_case names).</param>
/// <param name="Criteria">The criteria evaluated, as stored in status_assessment.criteria.</param>
public sealed record RecognitionSnapshotView(int Year, string ComputedStatus, JsonElement Figures, JsonElement Criteria);

public sealed record RecognitionStepView(int Seq, string Action, string From, string To, string Actor, string Role,
    DateTimeOffset At, int? Year, string? Note, IReadOnlyList<string> Reasons, RecognitionSnapshotView? Snapshot,
    string? DecisionNumber, DateOnly? DecisionDate, IReadOnlyList<RecognitionEvidenceView> Evidence);

/// <summary>A commune's case with its whole history; <see cref="Version"/> is what the next step names in If-Match.</summary>
public sealed record RecognitionCaseView(long Id, string Code, string Name, string State, int? ProposedYear, int? RecognisedYear,
    DateTimeOffset UpdatedAt, uint Version, IReadOnlyList<RecognitionStepView> Steps);

/// <summary>A row of the case list.</summary>
public sealed record RecognitionCaseRow(long Id, string Code, string Name, string State, int? ProposedYear, int? RecognisedYear,
    DateTimeOffset UpdatedAt, string LastAction, string LastActor);

/// <summary>Cases waiting for someone: proposals to appraise and appraised cases to decide (the leader's dashboard card).</summary>
public sealed record PendingRecognitions(int AwaitingAppraisal, int AwaitingDecision)
{
    public int Total => AwaitingAppraisal + AwaitingDecision;
}

/// <summary>A step taken in a period (the report's recognitions table): who, what, which decision.</summary>
public sealed record RecognitionEvent(string Code, string Name, string Action, string To, DateTimeOffset At, int? Year,
    string? DecisionNumber, DateOnly? DecisionDate);

/// <summary>An evidence file's bytes for download.</summary>
public sealed record RecognitionEvidenceFile(string FileName, string MediaType, string Sha256, byte[] Content);

/// <summary>
/// Recognition cases read through the caller's <see cref="AreaScope"/>: a case is visible when its commune is (the same
/// <see cref="AreaScopeSql"/> rules as every read); outside the area answers like a code that does not exist.
/// </summary>
public sealed class RecognitionQueries(NpgsqlDataSource dataSource, DiaBanDb db)
{
    /// <summary>The cases in the area, newest change first, optionally of one state.</summary>
    public async Task<IReadOnlyList<RecognitionCaseRow>> ListAsync(AreaScope scope, RecognitionState? state = null, CancellationToken ct = default)
    {
        var ids = await VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return [];
        var stateCode = state?.Code();
        var rows = await Cases(ids).Where(c => stateCode == null || c.State == stateCode)
            .OrderByDescending(c => c.UpdatedAt)
            .Select(c => new
            {
                c.Id, c.Unit.Code, c.Unit.Name, c.State, c.ProposedYear, c.RecognisedYear, c.UpdatedAt,
                Last = c.Steps.OrderByDescending(s => s.Seq).Select(s => new { s.Action, s.Actor }).First(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new RecognitionCaseRow(r.Id, r.Code, r.Name, r.State, r.ProposedYear, r.RecognisedYear, r.UpdatedAt,
            r.Last.Action, r.Last.Actor)).ToList();
    }

    /// <summary>The case of the current commune with this code, or null (none yet, or outside the area).</summary>
    public async Task<RecognitionCaseView?> GetAsync(string code, AreaScope scope, CancellationToken ct = default)
    {
        var ids = await VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return null;
        var record = await Cases(ids).Include(c => c.Unit).Include(c => c.Steps).ThenInclude(s => s.Evidence)
            .Where(c => c.Unit.Code == code && c.Unit.ValidTo == null)
            .AsSplitQuery()
            .Select(c => new
            {
                Case = c,
                Evidence = c.Steps.SelectMany(s => s.Evidence).Select(e => new { e.StepId, e.Id, e.FileName, e.MediaType, e.SizeBytes, e.Sha256 }).ToList(),
                Steps = c.Steps.Select(s => new { s.Id, s.Seq, s.Action, s.FromState, s.ToState, s.Actor, s.Role, s.At, s.Year, s.Note,
                    s.Reasons, s.Snapshot, s.DecisionNumber, s.DecisionDate }).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (record is null) return null;
        var c = record.Case;
        var steps = record.Steps.OrderBy(s => s.Seq).Select(s => new RecognitionStepView(s.Seq, s.Action, s.FromState, s.ToState, s.Actor,
            s.Role, s.At, s.Year, s.Note, s.Reasons, ReadSnapshot(s.Snapshot), s.DecisionNumber, s.DecisionDate,
            record.Evidence.Where(e => e.StepId == s.Id).OrderBy(e => e.Id)
                .Select(e => new RecognitionEvidenceView(e.Id, e.FileName, e.MediaType, e.SizeBytes, e.Sha256)).ToList())).ToList();
        return new RecognitionCaseView(c.Id, c.Unit.Code, c.Unit.Name, c.State, c.ProposedYear, c.RecognisedYear, c.UpdatedAt, c.Version, steps);
    }

    /// <summary>An evidence file, only when its case's commune is inside the area.</summary>
    public async Task<RecognitionEvidenceFile?> EvidenceAsync(long id, AreaScope scope, CancellationToken ct = default)
    {
        var ids = await VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return null;
        var cases = Cases(ids).Select(c => c.Id);
        return await db.RecognitionEvidence.AsNoTracking()
            .Where(e => e.Id == id && db.RecognitionSteps.Any(s => s.Id == e.StepId && cases.Contains(s.CaseId)))
            .Select(e => new RecognitionEvidenceFile(e.FileName, e.MediaType, e.Sha256, e.Content))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>How many cases in the area wait for appraisal and for a decision.</summary>
    public async Task<PendingRecognitions> PendingAsync(AreaScope scope, CancellationToken ct = default)
    {
        var ids = await VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return new PendingRecognitions(0, 0);
        string proposed = RecognitionState.Proposed.Code(), appraised = RecognitionState.Appraised.Code();
        var counts = await Cases(ids).Where(c => c.State == proposed || c.State == appraised)
            .GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new PendingRecognitions(counts.Where(c => c.Key == proposed).Sum(c => c.Count), counts.Where(c => c.Key == appraised).Sum(c => c.Count));
    }

    /// <summary>Every step taken in [from, to) in the area, in order (the report's recognitions table).</summary>
    public async Task<IReadOnlyList<RecognitionEvent>> InPeriodAsync(DateTimeOffset from, DateTimeOffset to, AreaScope scope, CancellationToken ct = default)
    {
        var ids = await VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return [];
        var cases = Cases(ids);
        var rows = await db.RecognitionSteps.AsNoTracking().Where(s => s.At >= from && s.At < to)
            .Join(cases, s => s.CaseId, c => c.Id, (s, c) => new { s, c.Unit.Code, c.Unit.Name })
            .OrderBy(x => x.s.At).ThenBy(x => x.s.Id)
            .Select(x => new RecognitionEvent(x.Code, x.Name, x.s.Action, x.s.ToState, x.s.At, x.s.Year, x.s.DecisionNumber, x.s.DecisionDate))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>The current communes of the area (those a case can be opened for), by code.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> CommunesAsync(AreaScope scope, CancellationToken ct = default)
    {
        var ids = await VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return [];
        var rows = await CurrentCommunes(ids)
            .OrderBy(u => u.Code).Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Code, r.Name)).ToList();
    }

    /// <summary>Current communes, limited to the ids when there are any (null: unrestricted).</summary>
    internal IQueryable<AdminUnit> CurrentCommunes(IReadOnlyCollection<int>? unitIds)
    {
        var communes = db.AdminUnits.AsNoTracking().Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null);
        return unitIds is null ? communes : communes.Where(u => unitIds.Contains(u.Id));
    }

    private IQueryable<RecognitionCaseRecord> Cases(IReadOnlyCollection<int>? unitIds) =>
        unitIds is null ? db.RecognitionCases.AsNoTracking() : db.RecognitionCases.AsNoTracking().Where(c => unitIds.Contains(c.UnitId));

    internal static RecognitionSnapshotView? ReadSnapshot(string? json)
    {
        if (json is null) return null;
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return new RecognitionSnapshotView(root.GetProperty("year").GetInt32(), root.GetProperty("computed_status").GetString() ?? "",
            root.GetProperty("figures").Clone(), root.GetProperty("criteria").Clone());
    }

    /// <summary>The admin_unit ids the scope reaches, or null for an unrestricted scope (no filter).</summary>
    internal async Task<IReadOnlyCollection<int>?> VisibleUnitIdsAsync(AreaScope scope, CancellationToken ct)
    {
        if (scope.IsUnrestricted) return null;
        if (scope.IsEmpty) return [];
        await using var command = dataSource.CreateCommand($"WITH {AreaScopeSql.Cte} SELECT id FROM scope_units");
        AreaScopeSql.AddParameters(command, scope);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt32(0));
        return ids;
    }
}

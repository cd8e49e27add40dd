using System.Security.Cryptography;
using System.Text.Json;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>An uploaded evidence file as received: the name the user gave and the bytes.</summary>
public sealed record EvidenceUpload(string FileName, byte[] Content);

/// <summary>What a user asks for on a case; who and when are added by the store.</summary>
public sealed record RecognitionRequest(RecognitionAction Action, RecognitionRole Role, int? Year = null, string? Note = null,
    IReadOnlyList<string>? Reasons = null, DecisionRef? Decision = null, IReadOnlyList<EvidenceUpload>? Evidence = null);

/// <summary>
/// Takes recognition steps: rebuilds the commune's case from its stored history (<see cref="RecognitionCase.Replay"/>),
/// applies the step through the Analytics state machine, and stores the step, its evidence, the case's new state and
/// one audit row in one transaction. The decision steps also write the official status of the assessment (the map's
/// official-status form, <see cref="OfficialStatusRecorder.Stamp"/>): recognise and re-check set drug-free for the
/// year, revoke withdraws it. Only inside the caller's area and over the version the caller read (xmin of the case and
/// of the assessment), so two people cannot act on a state they did not see.
/// A step answers like every other write (<see cref="WriteResult{T}"/>): done with the case as it stands; not found (no
/// current commune with the code inside the caller's area, or no case for a step other than propose); forbidden (the
/// role may not take the step); invalid with the errors by field ("state" when the step is illegal from the state);
/// version required (the case exists and no version was named); stale with the case's version now (someone took a
/// step, or changed the official status, since the caller read it).
/// </summary>
public sealed class RecognitionStore(DiaBanDb db, RecognitionQueries queries, TimeProvider time)
{
    public async Task<WriteResult<RecognitionCaseView>> TakeStepAsync(string code, RecognitionRequest request, string actor, AreaScope scope,
        uint? expectedVersion, long maxEvidenceBytes = EvidencePolicy.MaxBytes, CancellationToken ct = default)
    {
        var unitId = await FindCommuneAsync(code, scope, ct);
        if (unitId is null) return Write.NotFound;
        if (!RecognitionWorkflow.MayTake(request.Role, request.Action))
            return Write.Forbidden($"Vai trò {request.Role.Code()} không được '{request.Action.VietnameseLabel()}' / role may not {request.Action.Code()}");

        var evidence = request.Evidence ?? [];
        var files = evidence.Select(e => Describe(e)).ToList();
        var fileErrors = files.SelectMany(f => EvidencePolicy.Check(f, maxEvidenceBytes))
            .Select(m => ToField(new RecognitionError(RecognitionErrorKind.InvalidField, nameof(RecognitionCommand.Evidence), m))).ToList();
        if (fileErrors.Count > 0) return Write.Invalid(fileErrors);

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<WriteResult<RecognitionCaseView>> (CancellationToken token) =>
        {
            db.ChangeTracker.Clear(); // a retry starts from what the database holds now
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var record = await db.RecognitionCases.Include(c => c.Steps).Include(c => c.Unit)
                .SingleOrDefaultAsync(c => c.UnitId == unitId, token);
            if (record is null && request.Action != RecognitionAction.Propose) return Write.NotFound;
            if (record is not null)
            {
                if (expectedVersion is not { } expected) return Write.VersionRequired;
                if (record.Version != expected) return Write.StaleAt(record.Version);
            }
            var current = RecognitionCase.Replay(code, (record?.Steps ?? []).OrderBy(s => s.Seq).Select(ToStep));

            // a proposal or re-check freezes the figures of the assessment it rests on (latest one when no year is named)
            var year = request.Year;
            string? snapshotJson = null;
            CriteriaSnapshot? snapshot = null;
            if (request.Action is RecognitionAction.Propose or RecognitionAction.Recheck)
            {
                year ??= request.Action == RecognitionAction.Propose ? await LatestAssessedYearAsync(unitId.Value, token) : null;
                var assessment = year is { } y ? await AssessmentAsync(unitId.Value, y, token) : null;
                if (assessment is null && year is not null)
                    return Write.Invalid([ToField(new(RecognitionErrorKind.InvalidField, nameof(RecognitionCommand.Snapshot),
                        $"Chưa có đánh giá năm {year} của {code} để lấy số liệu / no assessment of {code} for {year}"))]);
                if (assessment is not null)
                {
                    snapshotJson = SnapshotJson(assessment);
                    snapshot = new CriteriaSnapshot(ReadFigures(assessment.Inputs, code, assessment.Year));
                }
            }

            var now = time.GetUtcNow();
            var outcome = current.Apply(new RecognitionCommand
            {
                Action = request.Action, Actor = actor, Role = request.Role, At = now, Year = year, Note = request.Note,
                Reasons = request.Reasons ?? [], Snapshot = snapshot, Decision = request.Decision, Evidence = files,
            });
            if (!outcome.Succeeded)
                return outcome.Errors.FirstOrDefault(e => e.Kind == RecognitionErrorKind.RoleNotAllowed) is { } role
                    ? Write.Forbidden(role.Message)
                    : Write.Invalid(outcome.Errors.Select(ToField).ToList());
            var step = outcome.Case.Steps[^1];

            db.Actor = actor;
            if (record is null)
            {
                record = new RecognitionCaseRecord { UnitId = unitId.Value, OpenedAt = now };
                db.RecognitionCases.Add(record);
            }
            record.State = outcome.Case.State.Code();
            record.ProposedYear = outcome.Case.ProposedYear;
            record.RecognisedYear = outcome.Case.RecognisedYear;
            record.UpdatedAt = now;
            var stepRecord = new RecognitionStepRecord
            {
                Seq = record.Steps.Count + 1, Action = step.Action.Code(), FromState = step.From.Code(), ToState = step.To.Code(),
                Actor = step.Actor, Role = step.Role.Code(), At = step.At, Year = step.Year, Note = step.Note, Reasons = [.. step.Reasons],
                Snapshot = snapshotJson, DecisionNumber = step.Decision?.Number.Trim(), DecisionDate = step.Decision?.Date,
                Evidence = evidence.Zip(files, (upload, file) => new RecognitionEvidenceRecord
                {
                    FileName = file.FileName, MediaType = file.MediaType, SizeBytes = file.SizeBytes, Sha256 = file.Sha256, Content = upload.Content,
                }).ToList(),
            };
            record.Steps.Add(stepRecord);
            var official = await WriteOfficialStatusAsync(unitId.Value, step, current.RecognisedYear, actor, now, token);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = RecognitionAudit.ActionOf(step.Action), Entity = RecognitionAudit.Entity,
                EntityKey = code,
                Details = AuditJson.Serialize(new
                {
                    commune = code, from = step.From.Code(), to = step.To.Code(), role = step.Role.Code(), year = step.Year, note = step.Note,
                    reasons = step.Reasons, decision = step.Decision is { } d ? new { number = d.Number, date = d.Date.ToString("yyyy-MM-dd") } : null,
                    evidence = files.Select(f => new { name = f.FileName, type = f.MediaType, size = f.SizeBytes, sha256 = f.Sha256 }),
                    official_status = official,
                }),
            });
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
                || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // another step (or an official-status edit) committed since our read: nothing of ours is kept
                await tx.RollbackAsync(token);
                db.ChangeTracker.Clear();
                var now2 = await db.RecognitionCases.AsNoTracking().Where(c => c.UnitId == unitId).Select(c => (uint?)c.Version).SingleOrDefaultAsync(token);
                return Write.StaleAt(now2);
            }
            await tx.CommitAsync(token);
            db.ChangeTracker.Clear();
            return Write.Done((await queries.GetAsync(code, AreaScope.Everything, token))!);
        }, ct);
    }

    // a state-machine error by the field the API names ("state" for a step the state does not allow)
    private static FieldError ToField(RecognitionError e) =>
        new(e.Field is null ? "state" : char.ToLowerInvariant(e.Field[0]) + e.Field[1..], e.Message);

    /// <summary>The type proven by the bytes (unknown when they prove none), size and hash of an upload.</summary>
    public static EvidenceFile Describe(EvidenceUpload upload) => new(
        Path.GetFileName(upload.FileName ?? "").Trim(),
        EvidencePolicy.SniffMediaType(upload.Content) ?? "không rõ (unknown)",
        upload.Content.LongLength,
        Convert.ToHexStringLower(SHA256.HashData(upload.Content)));

    // recognise and re-check make the year officially drug-free; revoke withdraws the recognised year's drug-free status
    private async Task<object?> WriteOfficialStatusAsync(int unitId, RecognitionStep step, int? recognisedBefore, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var (year, status, reason) = step.Action switch
        {
            RecognitionAction.Recognise => (step.Year, (CommuneStatus?)CommuneStatus.DrugFree,
                $"Quyết định công nhận {step.Decision!.Number} ngày {step.Decision.Date:dd/MM/yyyy}"),
            RecognitionAction.Recheck => (step.Year, CommuneStatus.DrugFree, $"Củng cố, nâng chất năm {step.Year}"),
            RecognitionAction.Revoke => (recognisedBefore, null,
                $"Thu hồi công nhận: {step.Decision!.Number} ngày {step.Decision.Date:dd/MM/yyyy}"),
            _ => (null, null, ""),
        };
        if (year is not { } y || reason.Length == 0) return null;
        var assessment = await db.StatusAssessments.SingleOrDefaultAsync(a => a.UnitId == unitId && a.Year == y, ct);
        if (assessment is null) return null;
        if (step.Action == RecognitionAction.Revoke && assessment.OfficialStatus != CommuneStatus.DrugFree) return null;
        var previous = assessment.OfficialStatus;
        // saved with the step: the assessment's xmin is checked on UPDATE, so a concurrent official edit makes the step stale
        OfficialStatusRecorder.Stamp(assessment, status, reason, actor, now);
        return new { year = y, from = previous?.Code(), to = status?.Code() };
    }

    private static RecognitionStep ToStep(RecognitionStepRecord s) => new()
    {
        Action = Enum.GetValues<RecognitionAction>().Single(a => a.Code() == s.Action),
        From = Enum.GetValues<RecognitionState>().Single(a => a.Code() == s.FromState),
        To = Enum.GetValues<RecognitionState>().Single(a => a.Code() == s.ToState),
        Actor = s.Actor, Role = RecognitionWorkflow.RoleFromCode(s.Role), At = s.At, Year = s.Year, Note = s.Note, Reasons = s.Reasons,
        Snapshot = RecognitionQueries.ReadSnapshot(s.Snapshot) is { } view ? new CriteriaSnapshot(ReadFigures(view.Figures.GetRawText(), "", view.Year)) : null,
        Decision = s.DecisionNumber is { } n && s.DecisionDate is { } d ? new DecisionRef(n, d) : null,
        Evidence = s.Evidence.Select(e => new EvidenceFile(e.FileName, e.MediaType, e.SizeBytes, e.Sha256)).ToList(),
    };

    private static IndicatorFigures ReadFigures(string inputs, string code, int year)
    {
        var figures = JsonSerializer.Deserialize<IndicatorFigures>(inputs, AssessmentJson.Options)
            ?? new IndicatorFigures { UnitCode = code, Year = year };
        return figures.UnitCode.Length == 0 ? figures with { UnitCode = code } : figures;
    }

    private static string SnapshotJson(StatusAssessment a) => $$"""
        {"year": {{a.Year}}, "computed_status": {{JsonSerializer.Serialize(a.ComputedStatus.Code())}}, "figures": {{a.Inputs}}, "criteria": {{a.Criteria}}}
        """;

    private Task<StatusAssessment?> AssessmentAsync(int unitId, int year, CancellationToken ct) =>
        db.StatusAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.UnitId == unitId && a.Year == year, ct);

    private Task<int?> LatestAssessedYearAsync(int unitId, CancellationToken ct) =>
        db.StatusAssessments.AsNoTracking().Where(a => a.UnitId == unitId).MaxAsync(a => (int?)a.Year, ct);

    // the current commune with this code, only if the caller's area reaches it
    private async Task<int?> FindCommuneAsync(string code, AreaScope scope, CancellationToken ct)
    {
        var ids = await queries.VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return null;
        return await queries.CurrentCommunes(ids).Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
    }
}

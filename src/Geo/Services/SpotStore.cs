using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Services;

/// <summary>A new spot as entered: the place, its kind, and the detection step's day, unit and note.</summary>
public sealed record NewSpot(SpotKind Kind, double Lon, double Lat, DateOnly DetectedOn, string RecordingUnit, string? Description,
    string? Note, string? Code = null);

/// <summary>A step as entered (state, day, recording unit, note).</summary>
public sealed record NewSpotStep(SpotState State, DateOnly OccurredOn, string RecordingUnit, string? Note);

/// <summary>
/// Writes drug spots and their steps inside the caller's area (EntryReview: a step is a draft until submitted, counts once
/// verified). A spot's commune is the one that covers the point on the detection day. A new step may follow only a
/// verified one (one step in review at a time), in the lifecycle's order (<see cref="SpotLifecycle"/>). Every write goes
/// through <see cref="DiaBanDb"/>, whose interceptor audits it, in one transaction.
/// </summary>
public sealed class SpotStore(DiaBanDb db, Npgsql.NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxText = 1000;

    /// <summary>Longest recording unit and note of a step.</summary>
    public const int MaxUnit = 200, MaxNote = 2000;

    public async Task<WriteResult<string>> RecordAsync(NewSpot spot, string actor, AreaScope scope, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // a long-lived context (a Blazor circuit) reads what the database holds now
        if (Check(spot.RecordingUnit, spot.Note, spot.Description) is { } bad) return bad;
        if (!double.IsFinite(spot.Lon) || !double.IsFinite(spot.Lat) || spot.Lon is < -180 or > 180 || spot.Lat is < -90 or > 90)
            return Write.Invalid("lon", "Tọa độ không hợp lệ / coordinates out of range");
        if (spot.Code is { } c && (c.Length is 0 or > 64)) return Write.Invalid("code", "Mã điểm 1–64 ký tự / code: 1–64 characters");
        var unitId = await CommuneAtAsync(spot.Lon, spot.Lat, spot.DetectedOn, ct);
        // outside every commune of the caller's area reads as "not found": the caller learns nothing about other areas
        if (unitId is null || !await InScopeAsync(unitId.Value, scope, ct)) return Write.NotFound;
        var now = time.GetUtcNow();
        db.Actor = actor;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var code = spot.Code?.Trim() ?? await NextCodeAsync(unitId.Value, spot.DetectedOn, ct);
        if (await db.DrugSpots.AnyAsync(s => s.Code == code, ct)) return Write.Invalid("code", $"Mã điểm {code} đã có / code {code} exists");
        var record = new DrugSpot
        {
            Code = code, Kind = spot.Kind, Geom = new Point(spot.Lon, spot.Lat) { SRID = 4326 }, UnitId = unitId.Value,
            Description = Clean(spot.Description), CreatedBy = actor, CreatedAt = now,
            Steps =
            [
                new DrugSpotStep
                {
                    Seq = 1, State = SpotState.Detected, OccurredOn = spot.DetectedOn, RecordingUnit = spot.RecordingUnit.Trim(),
                    Note = Clean(spot.Note), EnteredBy = actor, EnteredAt = now, Review = ReviewState.Draft,
                },
            ],
        };
        db.DrugSpots.Add(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Write.Done(code);
    }

    /// <summary>Adds a draft step after the last one, which must be verified.</summary>
    public async Task<WriteResult<string>> AddStepAsync(string code, NewSpotStep step, string actor, AreaScope scope, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // a long-lived context (a Blazor circuit) reads what the database holds now
        if (Check(step.RecordingUnit, step.Note, null) is { } bad) return bad;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var spot = await FindAsync(code, scope, ct);
        if (spot is null) return Write.NotFound;
        var last = spot.Steps.OrderBy(s => s.Seq).Last();
        if (last.Review != ReviewState.Verified)
            return Write.Conflict($"Bước {last.Seq} đang chờ duyệt: duyệt xong mới thêm bước mới / step {last.Seq} is still in review");
        if (!SpotLifecycle.Allowed(last.State, step.State))
            return Write.Invalid("state", $"Không thể chuyển từ {SpotLifecycle.Label(last.State)} sang {SpotLifecycle.Label(step.State)} / {last.State} → {step.State} is not allowed");
        if (step.OccurredOn < last.OccurredOn)
            return Write.Invalid("occurredOn", $"Ngày trước bước trước ({last.OccurredOn:dd/MM/yyyy}) / before the previous step");
        db.Actor = actor;
        spot.Steps.Add(new DrugSpotStep
        {
            Seq = last.Seq + 1, State = step.State, OccurredOn = step.OccurredOn, RecordingUnit = step.RecordingUnit.Trim(),
            Note = Clean(step.Note), EnteredBy = actor, EnteredAt = time.GetUtcNow(), Review = ReviewState.Draft,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Write.Done(spot.Code);
    }

    /// <summary>Edits a draft or returned step's day, unit and note (its state stays).</summary>
    public async Task<WriteResult<string>> EditStepAsync(string code, int seq, DateOnly occurredOn, string recordingUnit, string? note, string actor,
        AreaScope scope, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // a long-lived context (a Blazor circuit) reads what the database holds now
        if (Check(recordingUnit, note, null) is { } bad) return bad;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var spot = await FindAsync(code, scope, ct);
        var step = spot?.Steps.SingleOrDefault(s => s.Seq == seq);
        if (spot is null || step is null) return Write.NotFound;
        if (EntryReview.Next(step.Review, ReviewAction.Edit) is null)
            return Write.Conflict("Chỉ sửa được bản nháp hoặc bản bị trả lại / only a draft or returned step can be edited");
        var previous = spot.Steps.Where(s => s.Seq < seq).OrderBy(s => s.Seq).LastOrDefault();
        if (previous is not null && occurredOn < previous.OccurredOn)
            return Write.Invalid("occurredOn", $"Ngày trước bước trước ({previous.OccurredOn:dd/MM/yyyy}) / before the previous step");
        db.Actor = actor;
        step.OccurredOn = occurredOn;
        step.RecordingUnit = recordingUnit.Trim();
        step.Note = Clean(note);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Write.Done(spot.Code);
    }

    /// <summary>Submits, verifies or returns a step (<see cref="EntryReview"/>); verify and return need <paramref name="mayVerify"/>.</summary>
    public async Task<WriteResult<string>> ReviewAsync(string code, int seq, ReviewAction action, string? reason, string actor, bool mayVerify,
        AreaScope scope, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // a long-lived context (a Blazor circuit) reads what the database holds now
        if (EntryReviewWrite.Refuse(action, reason, mayVerify, MaxText) is { } refused) return refused;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var spot = await FindAsync(code, scope, ct);
        var step = spot?.Steps.SingleOrDefault(s => s.Seq == seq);
        if (spot is null || step is null) return Write.NotFound;
        if (EntryReviewWrite.Apply(step, action, reason, actor, time.GetUtcNow(), "step") is { } conflict) return conflict;
        db.Actor = actor;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Write.Done(spot.Code);
    }

    private async Task<DrugSpot?> FindAsync(string code, AreaScope scope, CancellationToken ct)
    {
        var spot = await db.DrugSpots.Include(s => s.Steps).SingleOrDefaultAsync(s => s.Code == code, ct);
        return spot is not null && await InScopeAsync(spot.UnitId, scope, ct) ? spot : null;
    }

    internal async Task<bool> InScopeAsync(int unitId, AreaScope scope, CancellationToken ct)
    {
        if (scope.IsUnrestricted) return true;
        if (scope.IsEmpty) return false;
        return (await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct)).Contains(unitId);
    }

    /// <summary>The commune valid on <paramref name="day"/> covering the point (lowest id on a shared border, as CommuneLocator).</summary>
    internal async Task<int?> CommuneAtAsync(double lon, double lat, DateOnly day, CancellationToken ct) =>
        await db.Database.SqlQuery<int>($"""
            SELECT u.id AS "Value" FROM admin_unit u
            WHERE u.level = 'commune' AND u.valid_from <= {day} AND (u.valid_to IS NULL OR u.valid_to > {day})
              AND ST_Covers(u.geom, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326))
            ORDER BY u.id LIMIT 1
            """).Cast<int?>().FirstOrDefaultAsync(ct);

    private async Task<string> NextCodeAsync(int unitId, DateOnly day, CancellationToken ct)
    {
        var communeCode = await db.AdminUnits.Where(u => u.Id == unitId).Select(u => u.Code).SingleAsync(ct);
        var prefix = $"DS-{communeCode}-{day.Year}-";
        var n = await db.DrugSpots.CountAsync(s => s.Code.StartsWith(prefix), ct);
        string code;
        do code = $"{prefix}{++n:000}"; while (await db.DrugSpots.AnyAsync(s => s.Code == code, ct));
        return code;
    }

    private static WriteRefusal? Check(string recordingUnit, string? note, string? description)
    {
        if (string.IsNullOrWhiteSpace(recordingUnit)) return Write.Invalid("recordingUnit", "Cần đơn vị ghi nhận / the recording unit is required");
        if (recordingUnit.Length > MaxUnit) return Write.Invalid("recordingUnit", $"Tối đa {MaxUnit} ký tự / at most {MaxUnit} characters");
        if (note is { Length: > MaxNote }) return Write.Invalid("note", $"Tối đa {MaxNote} ký tự / at most {MaxNote} characters");
        if (description is { Length: > MaxText }) return Write.Invalid("description", $"Tối đa {MaxText} ký tự / at most {MaxText} characters");
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>
/// One incident as typed on the web form or sent to the API, every value as text (the file's rules read it). The point
/// is <see cref="Lon"/>/<see cref="Lat"/> for a geographic <see cref="Crs"/> (WGS 84 by default) or <see cref="X"/>
/// (easting) / <see cref="Y"/> (northing) for a projected one (a VN-2000 zone, e.g. EPSG:9207).
/// </summary>
public sealed record IncidentEntryInput(string? OccurredOn, string? OccurredAt, string? Kind, string? Persons, string? Plants,
    string? AreaM2, string? Source, string? RecordedBy, string? Crs, string? Lon, string? Lat, string? X, string? Y)
{
    /// <summary>The form's field names beyond the file's columns.</summary>
    public const string OccurredAtField = IncidentColumns.OccurredAt, RecordedByField = IncidentColumns.RecordedBy, CrsField = "crs", StateField = "state",
        ReasonField = "reason";
}

/// <summary>
/// Writes incident entries through their review (<see cref="EntryReview"/>): the officer creates and edits his draft
/// (fields checked by the importer's rules, <see cref="IncidentRow.Check"/>; the point must fall in a commune of his
/// area on the date, <see cref="CommuneLocator.LocateOneAsync"/>), submits it; a verifier of the area verifies it —
/// in the same transaction the incident is written into <c>incident</c> as <c>web-{id}</c> with the entry's commune,
/// so maps, panels and figures count it — or returns it with a reason. Every write is audited per row under the
/// caller's name by the <see cref="AuditInterceptor"/>; the audit rows of an entry are its review history.
/// </summary>
public sealed class IncidentEntryStore(DiaBanDb db, IncidentEntryQueries queries, TimeProvider time)
{
    public const int MaxReason = 1000;

    public async Task<WriteResult<IncidentEntryView>> CreateAsync(IncidentEntryInput input, string actor, AreaScope scope, CancellationToken ct = default)
    {
        var (entry, errors) = await CheckAsync(input, scope, ct);
        if (entry is null) return Write.Invalid(errors);
        var now = time.GetUtcNow();
        entry.State = ReviewState.Draft;
        entry.EnteredBy = actor;
        entry.EnteredArea = Truncate(scope.ToString(), 2000);
        entry.CreatedAt = entry.UpdatedAt = now;
        db.Actor = actor;
        db.IncidentEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return await DoneAsync(entry.Id, ct);
    }

    /// <summary>Changes the caller's own draft or returned entry.</summary>
    public async Task<WriteResult<IncidentEntryView>> UpdateAsync(long id, IncidentEntryInput input, string actor, AreaScope scope, uint? expectedVersion = null,
        CancellationToken ct = default)
    {
        var entry = await FindAsync(id, scope, ct);
        if (entry is null || entry.EnteredBy != actor) return Write.NotFound;
        if (expectedVersion is { } v && v != entry.Version) return Write.Stale;
        if (EntryReview.Next(entry.State, ReviewAction.Edit) is null) return IllegalStep(entry.State, ReviewAction.Edit);
        var (checkedEntry, errors) = await CheckAsync(input, scope, ct);
        if (checkedEntry is null) return Write.Invalid(errors);
        Copy(checkedEntry, entry);
        entry.UpdatedAt = time.GetUtcNow();
        return await SaveAsync(entry, actor, ct);
    }

    /// <summary>Sends the caller's own draft or returned entry for verification.</summary>
    public async Task<WriteResult<IncidentEntryView>> SubmitAsync(long id, string actor, AreaScope scope, uint? expectedVersion = null, CancellationToken ct = default)
    {
        var entry = await FindAsync(id, scope, ct);
        if (entry is null || entry.EnteredBy != actor) return Write.NotFound;
        if (expectedVersion is { } v && v != entry.Version) return Write.Stale;
        if (EntryReview.Next(entry.State, ReviewAction.Submit) is not { } next) return IllegalStep(entry.State, ReviewAction.Submit);
        entry.State = next;
        entry.SubmittedAt = entry.UpdatedAt = time.GetUtcNow();
        return await SaveAsync(entry, actor, ct);
    }

    /// <summary>Verifies a submitted entry of the area and writes its incident, in one transaction. Nobody verifies his own entry.</summary>
    public async Task<WriteResult<IncidentEntryView>> VerifyAsync(long id, string actor, AreaScope scope, uint? expectedVersion = null, CancellationToken ct = default)
    {
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var entry = await FindAsync(id, scope, token);
            if (entry is null) return Write.NotFound;
            if (expectedVersion is { } v && v != entry.Version) return Write.Stale;
            if (entry.EnteredBy == actor) return OwnEntry();
            if (EntryReview.Next(entry.State, ReviewAction.Verify) is not { } next) return IllegalStep(entry.State, ReviewAction.Verify);
            var now = time.GetUtcNow();
            db.Actor = actor;
            var incident = new Incident
            {
                ExternalId = IncidentEntryQueries.ExternalIdOf(entry.Id), OccurredOn = entry.OccurredOn, Kind = entry.Kind,
                Persons = entry.Persons, Plants = entry.Plants, AreaM2 = entry.AreaM2, Source = entry.Source is { } s ? SnakeCase.Of(s) : null,
                Geom = new Point(entry.Geom.X, entry.Geom.Y) { SRID = CoordinateSystems.Wgs84 }, UnitId = entry.UnitId,
                RecordedBy = entry.RecordedBy, OccurredAt = entry.OccurredAt, ImportBatch = "web",
            };
            db.Incidents.Add(incident);
            try
            {
                await db.SaveChangesAsync(token);
                entry.State = next;
                entry.VerifiedBy = actor;
                entry.VerifiedAt = entry.UpdatedAt = now;
                entry.IncidentId = incident.Id;
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
                || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                await tx.RollbackAsync(token);
                db.ChangeTracker.Clear();
                return Write.Stale;
            }
            await tx.CommitAsync(token);
            return await DoneAsync(entry.Id, token);
        }, ct);
    }

    /// <summary>Returns a submitted entry of the area to its officer with a reason. Nobody returns his own entry.</summary>
    public async Task<WriteResult<IncidentEntryView>> ReturnAsync(long id, string? reason, string actor, AreaScope scope, uint? expectedVersion = null,
        CancellationToken ct = default)
    {
        var entry = await FindAsync(id, scope, ct);
        if (entry is null) return Write.NotFound;
        if (expectedVersion is { } v && v != entry.Version) return Write.Stale;
        if (entry.EnteredBy == actor) return OwnEntry();
        if (EntryReview.Next(entry.State, ReviewAction.Return) is not { } next) return IllegalStep(entry.State, ReviewAction.Return);
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
            return Write.Invalid(IncidentEntryInput.ReasonField, "bắt buộc: lý do trả lại / a reason is required to return an entry");
        if (text.Length > MaxReason || HasControl(text))
            return Write.Invalid(IncidentEntryInput.ReasonField, $"tối đa {MaxReason} ký tự, không ký tự điều khiển / at most {MaxReason} characters, no control characters");
        entry.State = next;
        entry.ReturnReason = text;
        entry.ReturnedBy = actor;
        entry.ReturnedAt = entry.UpdatedAt = time.GetUtcNow();
        return await SaveAsync(entry, actor, ct);
    }

    /// <summary>
    /// Every field rule of the form: the importer's (<see cref="IncidentRow.Check"/>), then the web's own (time, source
    /// code, recording unit), then where the point lies: in a commune valid on the date, and inside the caller's area.
    /// </summary>
    public async Task<(IncidentEntry? Entry, IReadOnlyList<FieldError> Errors)> CheckAsync(IncidentEntryInput input, AreaScope scope, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var epsg = CoordinateSystems.Wgs84;
        if (!string.IsNullOrWhiteSpace(input.Crs))
        {
            try { epsg = CoordinateSystems.ParseCode(input.Crs); }
            catch (CoordinateException e) { errors.Add(new(IncidentEntryInput.CrsField, e.Message)); }
        }
        var point = PointColumns.For(epsg);
        var projected = point.XField == "x";
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [IncidentColumns.OccurredOn] = input.OccurredOn, [IncidentColumns.Kind] = input.Kind, [IncidentColumns.Persons] = input.Persons,
            [IncidentColumns.Plants] = input.Plants, [IncidentColumns.AreaM2] = input.AreaM2, [IncidentColumns.Source] = input.Source,
            [IncidentColumns.OccurredAt] = input.OccurredAt, [IncidentColumns.RecordedBy] = input.RecordedBy,
            [point.XField] = projected ? input.X : input.Lon, [point.YField] = projected ? input.Y : input.Lat,
        };
        var check = IncidentRow.Check(fields, point, IncidentRow.Today(time));
        errors.AddRange(check.Errors);

        IncidentSource? source = null;
        if (!string.IsNullOrWhiteSpace(input.Source) && !check.Errors.Any(e => e.Field == IncidentColumns.Source))
        {
            if (SnakeCase.TryParse<IncidentSource>(input.Source.Trim(), out var s)) source = s;
            else errors.Add(new(IncidentColumns.Source,
                $"'{input.Source.Trim()}' is not one of {string.Join("|", Enum.GetValues<IncidentSource>().Select(x => SnakeCase.Of(x)))}"));
        }
        var recordedBy = input.RecordedBy?.Trim();
        if (string.IsNullOrEmpty(recordedBy))
            errors.Add(new(IncidentColumns.RecordedBy, "bắt buộc: đơn vị ghi nhận / the recording unit is required"));
        else if (HasControl(recordedBy))
            errors.Add(new(IncidentColumns.RecordedBy, "không được chứa ký tự điều khiển / no control characters"));

        if (check.Row is not { } row) return (null, errors);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var unitId = await CommuneLocator.LocateOneAsync(conn, row.Lon, row.Lat, row.OccurredOn, ct);
        if (unitId is null)
            errors.Add(new(point.XField, IncidentRow.OutsideEveryCommune(row.Lon, row.Lat, row.OccurredOn)));
        else if (await queries.VisibleUnitIdsAsync(scope, ct) is { } visible && !visible.Contains(unitId.Value))
        {
            var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Code + " " + u.Name).FirstAsync(ct);
            errors.Add(new(point.XField,
                $"điểm nằm ở {commune}, ngoài địa bàn của bạn / the point lies in {commune}, outside your area"));
        }
        if (errors.Count > 0) return (null, errors);
        var (x, y) = (double.Parse(fields[point.XField]!.Trim(), CultureInfo.InvariantCulture), double.Parse(fields[point.YField]!.Trim(), CultureInfo.InvariantCulture));
        return (new IncidentEntry
        {
            OccurredOn = row.OccurredOn, OccurredAt = row.OccurredAt, Kind = row.KindValue, Persons = row.Persons, Plants = row.Plants, AreaM2 = row.AreaM2,
            Source = source, RecordedBy = recordedBy!, Geom = new Point(row.Lon, row.Lat) { SRID = CoordinateSystems.Wgs84 },
            InputEpsg = epsg, InputX = x, InputY = y, UnitId = unitId!.Value,
        }, errors);
    }

    private static void Copy(IncidentEntry from, IncidentEntry to)
    {
        to.OccurredOn = from.OccurredOn; to.OccurredAt = from.OccurredAt; to.Kind = from.Kind; to.Persons = from.Persons;
        to.Plants = from.Plants; to.AreaM2 = from.AreaM2; to.Source = from.Source; to.RecordedBy = from.RecordedBy; to.Geom = from.Geom;
        to.InputEpsg = from.InputEpsg; to.InputX = from.InputX; to.InputY = from.InputY; to.UnitId = from.UnitId;
    }

    // tracked, only when the caller's area reaches the entry's commune
    private async Task<IncidentEntry?> FindAsync(long id, AreaScope scope, CancellationToken ct)
    {
        var ids = await queries.VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return null;
        var entry = await db.IncidentEntries.FirstOrDefaultAsync(e => e.Id == id, ct);
        return entry is not null && (ids is null || ids.Contains(entry.UnitId)) ? entry : null;
    }

    private async Task<WriteResult<IncidentEntryView>> SaveAsync(IncidentEntry entry, string actor, CancellationToken ct)
    {
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Write.Stale;
        }
        return await DoneAsync(entry.Id, ct);
    }

    private async Task<WriteResult<IncidentEntryView>> DoneAsync(long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return Write.Done((await queries.GetAsync(id, AreaScope.Everything, ct))!);
    }

    private static WriteRefusal IllegalStep(ReviewState state, ReviewAction action) => Write.Conflict(
        $"không thể '{SnakeCase.Of(action)}' khi đang ở trạng thái '{SnakeCase.Of(state)}' / {SnakeCase.Of(action)} is not allowed from {SnakeCase.Of(state)}");

    private static WriteRefusal OwnEntry() => Write.Forbidden("không tự xác minh bản ghi của mình / nobody verifies or returns his own entry");

    private static bool HasControl(string text) => text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

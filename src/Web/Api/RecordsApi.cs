using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/spots and /api/tips: drug spots (điểm, tụ điểm) with their lifecycle and tips (tin báo, tố giác), read in the
/// caller's area and entered through the shared review (EntryReview: police enter and submit, leaders verify or return).
/// Outside the area answers 404 like a record that does not exist. The map layer and the counts read verified records only.
/// </summary>
public static class RecordsApi
{
    /// <param name="Lon">WGS 84 longitude; or give X, Y and Epsg (a VN-2000 zone, e.g. 9210 for Cà Mau's 104°30').</param>
    /// <param name="DetectedOn">yyyy-MM-dd.</param>
    public sealed record SpotRequest(string? Kind, double? Lon, double? Lat, double? X, double? Y, int? Epsg, string? DetectedOn,
        string? RecordingUnit, string? Description, string? Note, string? Code);

    public sealed record StepRequest(string? State, string? OccurredOn, string? RecordingUnit, string? Note);

    public sealed record ReasonRequest(string? Reason);

    public sealed record TipRequest(string? Commune, string? ReceivedOn, string? Channel, string? Summary, string? State, string? Outcome,
        string? ResolvedOn);

    public sealed record SpotCountsJson(string Period, SpotCounts Total, IReadOnlyList<CommuneSpotCounts> Communes);

    /// <summary>One page of the period's tips: which page, its size, how many tips and pages the whole list holds, and its rows.</summary>
    public sealed record TipPageJson(string Period, int Page, int Size, long Total, int Pages, IReadOnlyList<TipRow> Items);

    public sealed record TipResolutionJson(string Period, TipResolution Total, double? RatePercent, IReadOnlyList<CommuneTipResolution> Communes);

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var spots = app.MapGroup("/api/spots").WithTags("Spots");
        spots.MapGet("", SpotsGeoJsonAsync)
            .WithSummary("Drug spots of the caller's area as GeoJSON points (verified steps; state at the period's end); ?state=detected|under_watch|eliminated|re_emerged&period=2026|2026H1|2026Q2.");
        spots.MapGet("/list", SpotListAsync).WithSummary("Spots of the caller's area with every step (drafts too); ?commune=code.");
        spots.MapGet("/counts", SpotCountsAsync).WithSummary("At start, new, eliminated, re-emerged, remaining over a period, per commune and in total.");
        var enterSpots = spots.MapGroup("").RequireAuthorization(DiaBanPolicies.CanEnterRecords);
        enterSpots.MapPost("", RecordSpotAsync).WithSummary("Record a new spot (draft detection step) inside the caller's area; audited.");
        enterSpots.MapPost("/{code}/steps", AddStepAsync).WithSummary("Add a draft step after a verified one; audited.");
        enterSpots.MapPut("/{code}/steps/{seq:int}", EditStepAsync).WithSummary("Edit a draft or returned step; audited.");
        enterSpots.MapPost("/{code}/steps/{seq:int}/submit", (HttpContext h, SpotStore s, string code, int seq, CancellationToken ct) =>
            ReviewStepAsync(h, s, code, seq, ReviewAction.Submit, null, ct)).WithSummary("Submit a step for review; audited.");
        var verifySpots = spots.MapGroup("").RequireAuthorization(DiaBanPolicies.CanVerifyRecords);
        verifySpots.MapPost("/{code}/steps/{seq:int}/verify", (HttpContext h, SpotStore s, string code, int seq, CancellationToken ct) =>
            ReviewStepAsync(h, s, code, seq, ReviewAction.Verify, null, ct)).WithSummary("Verify a submitted step (it counts from now); audited.");
        verifySpots.MapPost("/{code}/steps/{seq:int}/return", (HttpContext h, SpotStore s, string code, int seq, ReasonRequest body, CancellationToken ct) =>
            ReviewStepAsync(h, s, code, seq, ReviewAction.Return, body.Reason, ct)).WithSummary("Return a submitted step with a reason; audited.");

        var tips = app.MapGroup("/api/tips").WithTags("Tips");
        tips.MapGet("", TipListAsync).WithSummary("Tips of the caller's area received in a period (every review state), newest first, one page at a time; ?period=&commune=&page=1&size=100 (size at most 500).");
        tips.MapGet("/resolution", TipResolutionAsync).WithSummary("Resolution rate per commune and in total: verified tips received in the period, resolved before its end.");
        var enterTips = tips.MapGroup("").RequireAuthorization(DiaBanPolicies.CanEnterRecords);
        enterTips.MapPost("", CreateTipAsync).WithSummary("Enter a tip (draft) inside the caller's area; audited.");
        enterTips.MapPut("/{id:long}", UpdateTipAsync).WithSummary("Change a tip (a verified one only forward; it is reviewed again); audited.");
        enterTips.MapPost("/{id:long}/submit", (HttpContext h, TipStore s, long id, CancellationToken ct) => ReviewTipAsync(h, s, id, ReviewAction.Submit, null, ct));
        var verifyTips = tips.MapGroup("").RequireAuthorization(DiaBanPolicies.CanVerifyRecords);
        verifyTips.MapPost("/{id:long}/verify", (HttpContext h, TipStore s, long id, CancellationToken ct) => ReviewTipAsync(h, s, id, ReviewAction.Verify, null, ct));
        verifyTips.MapPost("/{id:long}/return", (HttpContext h, TipStore s, long id, ReasonRequest body, CancellationToken ct) =>
            ReviewTipAsync(h, s, id, ReviewAction.Return, body.Reason, ct));
        return app;
    }

    /// <summary>"2026", "2026H1", "2026Q2"; absent = the current year.</summary>
    public static bool TryPeriod(string? text, TimeProvider time, out ReportPeriod period)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            period = ReportPeriod.Year(time.GetLocalNow().Year);
            return true;
        }
        return ReportPeriod.TryParse(text, out period) && ApiInput.IsYear(period.CalendarYear);
    }

    public const string PeriodRule = "period: 2026, 2026H1 or 2026Q2 (years 1990–2100)";

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> SpotsGeoJsonAsync(HttpContext http, SpotQueries queries, TimeProvider time,
        string? state, string? period, CancellationToken ct)
    {
        SpotState? filter = null;
        if (state is not null)
        {
            if (!SpotLifecycle.TryParseState(state, out var s)) return ApiProblems.BadRequest("state: detected, under_watch, eliminated or re_emerged");
            filter = s;
        }
        if (!TryPeriod(period, time, out var p)) return ApiProblems.BadRequest(PeriodRule);
        // the current period is read as of today, a past one as of its last day
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var until = p.End < today ? p.End : today;
        return new GeoJsonResult(await queries.GeoJsonAsync(UserAreaScope.For(http.User), filter, until, ct));
    }

    /// <summary>
    /// The lists' JSON: kinds, states, channels and review states as the codes the same API takes in ("hotspot",
    /// "under_watch", "in_person", "returned"), not their enum numbers.
    /// </summary>
    private static readonly JsonSerializerOptions ListJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static async Task<JsonHttpResult<IReadOnlyList<SpotRow>>> SpotListAsync(HttpContext http, SpotQueries queries, string? commune, CancellationToken ct) =>
        TypedResults.Json(await queries.ListAsync(UserAreaScope.For(http.User), string.IsNullOrWhiteSpace(commune) ? null : commune.Trim(), ct: ct), ListJson);

    public static async Task<Results<Ok<SpotCountsJson>, ProblemHttpResult>> SpotCountsAsync(HttpContext http, SpotQueries queries, TimeProvider time,
        string? period, CancellationToken ct)
    {
        if (!TryPeriod(period, time, out var p)) return ApiProblems.BadRequest(PeriodRule);
        var (communes, total) = await queries.CountsAsync(UserAreaScope.For(http.User), p, ct);
        return TypedResults.Ok(new SpotCountsJson(p.Code, total, communes));
    }

    public static async Task<Results<Created<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult>> RecordSpotAsync(HttpContext http, SpotStore store,
        SpotRequest body, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SpotLifecycle.TryParseKind(body.Kind, out var kind)) errors["kind"] = ["point (điểm) hoặc hotspot (tụ điểm) / point or hotspot"];
        if (!TryDate(body.DetectedOn, out var detected)) errors["detectedOn"] = ["Ngày dạng yyyy-MM-dd / a date yyyy-MM-dd"];
        double lon = 0, lat = 0;
        if (body.Lon is { } lo && body.Lat is { } la) (lon, lat) = (lo, la);
        else if (body.X is { } x && body.Y is { } y && body.Epsg is { } epsg && CoordinateSystems.IsSupported(epsg)) (lon, lat) = CoordinateSystems.ToWgs84Unchecked(epsg, x, y);
        else errors["lon"] = ["Cần kinh độ, vĩ độ (WGS 84) hoặc X, Y và mã hệ tọa độ VN-2000 / lon and lat, or x, y and a supported epsg"];
        ApiInput.CheckText(errors, "description", body.Description, SpotStore.MaxText);
        ApiInput.CheckText(errors, "note", body.Note, SpotStore.MaxNote);
        ApiInput.CheckText(errors, "recordingUnit", body.RecordingUnit, SpotStore.MaxUnit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await store.RecordAsync(new NewSpot(kind, lon, lat, detected, body.RecordingUnit ?? "", body.Description, body.Note, body.Code),
            WebActor.Of(http.User), UserAreaScope.For(http.User), ct);
        return WriteAnswers.Answer(http, result, key => TypedResults.Created($"/api/spots/list?code={key}", new EntryJson(key)));
    }

    public sealed record EntryJson(string Key);

    public static async Task<Results<Ok<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult>> AddStepAsync(HttpContext http, SpotStore store, string code,
        StepRequest body, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SpotLifecycle.TryParseState(body.State, out var state)) errors["state"] = ["detected, under_watch, eliminated, re_emerged"];
        if (!TryDate(body.OccurredOn, out var on)) errors["occurredOn"] = ["Ngày dạng yyyy-MM-dd / a date yyyy-MM-dd"];
        ApiInput.CheckText(errors, "note", body.Note, SpotStore.MaxNote);
        ApiInput.CheckText(errors, "recordingUnit", body.RecordingUnit, SpotStore.MaxUnit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return Answer(await store.AddStepAsync(code, new NewSpotStep(state, on, body.RecordingUnit ?? "", body.Note), WebActor.Of(http.User),
            UserAreaScope.For(http.User), ct));
    }

    public static async Task<Results<Ok<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult>> EditStepAsync(HttpContext http, SpotStore store, string code, int seq,
        StepRequest body, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryDate(body.OccurredOn, out var on)) errors["occurredOn"] = ["Ngày dạng yyyy-MM-dd / a date yyyy-MM-dd"];
        ApiInput.CheckText(errors, "note", body.Note, SpotStore.MaxNote);
        ApiInput.CheckText(errors, "recordingUnit", body.RecordingUnit, SpotStore.MaxUnit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return Answer(await store.EditStepAsync(code, seq, on, body.RecordingUnit ?? "", body.Note, WebActor.Of(http.User), UserAreaScope.For(http.User), ct));
    }

    private static async Task<Results<Ok<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult>> ReviewStepAsync(HttpContext http, SpotStore store,
        string code, int seq, ReviewAction action, string? reason, CancellationToken ct) =>
        Answer(await store.ReviewAsync(code, seq, action, reason, WebActor.Of(http.User), await MayVerifyAsync(http), UserAreaScope.For(http.User), ct));

    public const int DefaultTipPageSize = 100;

    public static async Task<Results<JsonHttpResult<TipPageJson>, ProblemHttpResult>> TipListAsync(HttpContext http, TipQueries queries, TimeProvider time,
        string? period, string? commune, int? page, int? size, CancellationToken ct)
    {
        if (!TryPeriod(period, time, out var p)) return ApiProblems.BadRequest(PeriodRule);
        if (page is < 1 || size is < 1 or > PageRequest.MaxSize)
            return ApiProblems.BadRequest($"page: 1 or more; size: 1 to {PageRequest.MaxSize} (default {DefaultTipPageSize})");
        var read = await queries.PageAsync(UserAreaScope.For(http.User), p.Start, p.EndExclusive, new PageRequest(page ?? 1, size ?? DefaultTipPageSize),
            string.IsNullOrWhiteSpace(commune) ? null : commune.Trim(), ct);
        return TypedResults.Json(new TipPageJson(p.Code, read.Number, read.Size, read.Total, read.Pages, read.Items), ListJson);
    }

    public static async Task<Results<Ok<TipResolutionJson>, ProblemHttpResult>> TipResolutionAsync(HttpContext http, TipQueries queries,
        TimeProvider time, string? period, CancellationToken ct)
    {
        if (!TryPeriod(period, time, out var p)) return ApiProblems.BadRequest(PeriodRule);
        var (communes, total) = await queries.ResolutionAsync(UserAreaScope.For(http.User), p, ct);
        return TypedResults.Ok(new TipResolutionJson(p.Code, total, total.RatePercent, communes));
    }

    public static async Task<Results<Created<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult>> CreateTipAsync(HttpContext http, TipStore store,
        TipRequest body, CancellationToken ct)
    {
        if (ParseTip(body, out var errors) is not { } input) return TypedResults.ValidationProblem(errors);
        var result = await store.CreateAsync(input, WebActor.Of(http.User), UserAreaScope.For(http.User), ct);
        return WriteAnswers.Answer(http, result, key => TypedResults.Created($"/api/tips/{key}", new EntryJson(key)));
    }

    public static async Task<Results<Ok<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateTipAsync(HttpContext http, TipStore store, long id,
        TipRequest body, CancellationToken ct)
    {
        if (ParseTip(body, out var errors) is not { } input) return TypedResults.ValidationProblem(errors);
        return Answer(await store.UpdateAsync(id, input, WebActor.Of(http.User), UserAreaScope.For(http.User), ct));
    }

    private static async Task<Results<Ok<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult>> ReviewTipAsync(HttpContext http, TipStore store,
        long id, ReviewAction action, string? reason, CancellationToken ct) =>
        Answer(await store.ReviewAsync(id, action, reason, WebActor.Of(http.User), await MayVerifyAsync(http), UserAreaScope.For(http.User), ct));

    private static TipInput? ParseTip(TipRequest body, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!TryDate(body.ReceivedOn, out var received)) errors["receivedOn"] = ["Ngày dạng yyyy-MM-dd / a date yyyy-MM-dd"];
        if (!TipRules.TryParse<TipChannel>(body.Channel, c => c.Code(), out var channel)) errors["channel"] = ["in_person, phone, letter, online, transferred"];
        var state = TipState.Received;
        if (body.State is not null && !TipRules.TryParse(body.State, s => s.Code(), out state)) errors["state"] = ["received, checking, resolved"];
        TipOutcome? outcome = null;
        if (!string.IsNullOrWhiteSpace(body.Outcome))
        {
            if (TipRules.TryParse<TipOutcome>(body.Outcome, o => o.Code(), out var o)) outcome = o;
            else errors["outcome"] = ["confirmed, unfounded, transferred"];
        }
        DateOnly? resolved = null;
        if (!string.IsNullOrWhiteSpace(body.ResolvedOn))
        {
            if (TryDate(body.ResolvedOn, out var r)) resolved = r;
            else errors["resolvedOn"] = ["Ngày dạng yyyy-MM-dd / a date yyyy-MM-dd"];
        }
        ApiInput.CheckText(errors, "summary", body.Summary, SpotStore.MaxText);
        if (!ApiInput.IsCleanText(body.Commune, 16)) errors["commune"] = ["Mã xã không hợp lệ / invalid commune code"];
        return errors.Count > 0 ? null : new TipInput(body.Commune ?? "", received, channel, body.Summary ?? "", state, outcome, resolved);
    }

    private static async Task<bool> MayVerifyAsync(HttpContext http) =>
        (await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, DiaBanPolicies.CanVerifyRecords)).Succeeded;

    private static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && ApiInput.IsYear(day.Year);


    private static Results<Ok<EntryJson>, NotFound, ValidationProblem, ProblemHttpResult> Answer(WriteResult<string> result) =>
        WriteAnswers.Answer(result, key => TypedResults.Ok(new EntryJson(key)));
}

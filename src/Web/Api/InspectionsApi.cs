using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/inspections: inspections of conditional businesses entered on the web and reviewed (EntryReview): police
/// enter and submit (CanEnterRecords), leaders verify or return with a reason (CanVerifyRecords). Everything is limited
/// to businesses in the caller's area: outside answers 404 like a missing id. Every write is audited.
/// </summary>
public static class InspectionsApi
{
    public sealed record InspectionJson(long Id, int BusinessId, string BusinessName, string BusinessKind, string CommuneCode,
        string CommuneName, DateOnly InspectedOn, string Kind, string Findings, IReadOnlyList<string> Violations, string InspectingUnit,
        string State, string? ReturnedReason, string EnteredBy, DateTimeOffset EnteredAt, string? ReviewedBy, DateTimeOffset? ReviewedAt,
        uint Version)
    {
        public static InspectionJson From(InspectionView v) => new(v.Id, v.BusinessId, v.BusinessName, SnakeCase.Of(v.BusinessKind),
            v.CommuneCode, v.CommuneName, v.InspectedOn, v.Kind.Code(), v.Findings, v.Violations.Select(x => x.Code()).ToList(),
            v.InspectingUnit, SnakeCase.Of(v.State), v.ReturnedReason, v.EnteredBy, v.EnteredAt, v.ReviewedBy, v.ReviewedAt, v.Version);
    }

    /// <summary>POST and PUT body: the fields as typed (date yyyy-MM-dd, kind routine|surprise, violation codes); version for PUT.</summary>
    public sealed record InspectionRequest(int? BusinessId, string? InspectedOn, string? Kind, string? Findings, IReadOnlyList<string>? Violations,
        string? InspectingUnit, uint? Version)
    {
        public InspectionFields Fields() => new(InspectedOn, Kind, Findings, Violations, InspectingUnit);
    }

    /// <summary>Body of a review step: the version seen (optional) and, for a return, the reason.</summary>
    public sealed record ReviewRequest(uint? Version, string? Reason);

    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/inspections").WithTags("Inspections").RequireAuthorization(DiaBanPolicies.CanViewPlaces);
        api.MapGet("", ListAsync).WithSummary("Inspections of businesses in the caller's area (?business=id, ?state=draft|submitted|verified|returned), newest first.");
        api.MapGet("/{id:long}", GetAsync).WithSummary("One inspection (404 when missing or outside the caller's area).");
        var enter = api.MapGroup("").RequireAuthorization(DiaBanPolicies.CanEnterRecords);
        enter.MapPost("", CreateAsync).WithSummary("Enter an inspection of a business in the caller's area as a draft; audited.");
        enter.MapPut("/{id:long}", UpdateAsync).WithSummary("Change a draft or returned inspection; audited.");
        enter.MapPost("/{id:long}/submit", (HttpContext h, InspectionStore s, long id, ReviewRequest? body, CancellationToken ct) =>
            ActAsync(h, s, id, ReviewAction.Submit, body, ct)).WithSummary("Submit a draft or returned inspection for verification; audited.");
        var verify = api.MapGroup("").RequireAuthorization(DiaBanPolicies.CanVerifyRecords);
        verify.MapPost("/{id:long}/verify", (HttpContext h, InspectionStore s, long id, ReviewRequest? body, CancellationToken ct) =>
            ActAsync(h, s, id, ReviewAction.Verify, body, ct)).WithSummary("Verify a submitted inspection (it becomes the business's last inspection); audited.");
        verify.MapPost("/{id:long}/return", (HttpContext h, InspectionStore s, long id, ReviewRequest? body, CancellationToken ct) =>
            ActAsync(h, s, id, ReviewAction.Return, body, ct)).WithSummary("Return a submitted inspection with a reason; audited.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<InspectionJson>>, ProblemHttpResult>> ListAsync(
        HttpContext http, InspectionStore store, string? business, string? state, CancellationToken ct)
    {
        int? businessId = null;
        if (!string.IsNullOrWhiteSpace(business))
        {
            if (!int.TryParse(business, out var b) || b <= 0) return ApiProblems.BadRequest("business: a business id");
            businessId = b;
        }
        ReviewState? s = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!SnakeCase.TryParse<ReviewState>(state, out var parsed)) return ApiProblems.BadRequest($"state: one of {ApiInput.CodesOf<ReviewState>()}");
            s = parsed;
        }
        var rows = await store.ListAsync(UserAreaScope.For(http.User), businessId, s, ct);
        return TypedResults.Ok<IReadOnlyList<InspectionJson>>(rows.Select(InspectionJson.From).ToList());
    }

    public static async Task<Results<Ok<InspectionJson>, NotFound>> GetAsync(HttpContext http, InspectionStore store, long id, CancellationToken ct) =>
        await store.GetAsync(id, UserAreaScope.For(http.User), ct) is { } v ? TypedResults.Ok(InspectionJson.From(v)) : TypedResults.NotFound();

    public static async Task<Results<Created<InspectionJson>, NotFound, ValidationProblem>> CreateAsync(
        HttpContext http, InspectionStore store, InspectionRequest body, CancellationToken ct)
    {
        if (body.BusinessId is not { } businessId)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["businessId"] = ["cơ sở là bắt buộc / businessId is required"] });
        var edit = await store.CreateAsync(businessId, body.Fields(), User(http), UserAreaScope.For(http.User), ct);
        if (edit.Outcome == WriteOutcome.NotFound) return TypedResults.NotFound();
        return edit.Value is { } v ? TypedResults.Created($"/api/inspections/{v.Id}", InspectionJson.From(v)) : WriteAnswers.Invalid(edit);
    }

    public static async Task<Results<Ok<InspectionJson>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        HttpContext http, InspectionStore store, long id, InspectionRequest body, CancellationToken ct) =>
        Answer(await store.UpdateAsync(id, body.Fields(), body.Version, User(http), UserAreaScope.For(http.User), ct));

    private static async Task<Results<Ok<InspectionJson>, NotFound, ValidationProblem, ProblemHttpResult>> ActAsync(
        HttpContext http, InspectionStore store, long id, ReviewAction action, ReviewRequest? body, CancellationToken ct) =>
        Answer(await store.ActAsync(id, action, body?.Reason, body?.Version, User(http), UserAreaScope.For(http.User), ct));

    private static Results<Ok<InspectionJson>, NotFound, ValidationProblem, ProblemHttpResult> Answer(WriteResult<InspectionView> edit) =>
        WriteAnswers.Answer(edit, view => TypedResults.Ok(InspectionJson.From(view)));

    private static string User(HttpContext http) => http.User.Identity?.Name ?? "unknown";

}

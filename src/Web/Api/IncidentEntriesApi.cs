using System.Globalization;
using System.Security.Claims;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/incident-entries: incidents entered on the web and their review (Draft → Submitted → Verified | Returned,
/// <c>EntryReview</c>). Police create, edit and submit their own entries inside their communes; a verifier
/// (<see cref="DiaBanPolicies.CanVerifyRecords"/>: leaders, administrators — never planners) verifies or returns the
/// submitted entries of his area. Everything outside the caller's area answers 404; every write is audited. The JSON
/// bodies need a cookie with the app's origin (a cross-site form cannot send JSON) or a bearer token.
/// </summary>
public static class IncidentEntriesApi
{
    public sealed record ReturnRequest(string? Reason);

    /// <summary>An entry as JSON: codes (snake_case) for state, kind and source, the point in WGS 84 and as typed.</summary>
    public sealed record EntryJson(long Id, string State, string OccurredOn, string? OccurredAt, string Kind, int Persons, int? Plants,
        double? AreaM2, string? Source, string RecordedBy, double Lon, double Lat, string Crs, double InputX, double InputY,
        string CommuneCode, string CommuneName, string EnteredBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        DateTimeOffset? SubmittedAt, string? VerifiedBy, DateTimeOffset? VerifiedAt, string? ReturnedBy, DateTimeOffset? ReturnedAt,
        string? ReturnReason, string? IncidentExternalId)
    {
        public static EntryJson From(IncidentEntryView v) => new(v.Id, SnakeCase.Of(v.State), v.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            v.OccurredAt?.ToString("HH:mm", CultureInfo.InvariantCulture), SnakeCase.Of(v.Kind), v.Persons, v.Plants, v.AreaM2,
            v.Source is { } s ? SnakeCase.Of(s) : null, v.RecordedBy, v.Lon, v.Lat, $"EPSG:{v.InputEpsg}", v.InputX, v.InputY,
            v.CommuneCode, v.CommuneName, v.EnteredBy, v.CreatedAt, v.UpdatedAt, v.SubmittedAt, v.VerifiedBy, v.VerifiedAt, v.ReturnedBy,
            v.ReturnedAt, v.ReturnReason, v.ExternalId);
    }

    public static IEndpointRouteBuilder MapIncidentEntriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incident-entries").WithTags("Incident entries");
        api.MapGet("", MineAsync).RequireAuthorization(DiaBanPolicies.CanEnterRecords)
            .WithSummary("The caller's own entries in his area (drafts, submitted, returned with the reason, verified), newest first.");
        api.MapGet("/queue", QueueAsync).RequireAuthorization(DiaBanPolicies.CanVerifyRecords)
            .WithSummary("Submitted entries of the caller's area waiting for verification, oldest first.");
        api.MapGet("/{id:long}", GetAsync).RequireAuthorization()
            .WithSummary("One entry of the caller's area (enterers and verifiers); the ETag is its version (If-Match on the steps is optional).");
        api.MapPost("", CreateAsync).RequireAuthorization(DiaBanPolicies.CanEnterRecords)
            .WithSummary("Save a draft: occurredOn, occurredAt, kind, persons, plants, areaM2, source, recordedBy, and lon/lat (WGS 84) or crs + x/y (VN-2000 zone); the point must lie in the caller's communes; audited.");
        api.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(DiaBanPolicies.CanEnterRecords)
            .WithSummary("Change one's own draft or returned entry; audited.");
        api.MapPost("/{id:long}/submit", SubmitAsync).RequireAuthorization(DiaBanPolicies.CanEnterRecords)
            .WithSummary("Submit one's own draft or returned entry for verification; audited.");
        api.MapPost("/{id:long}/verify", VerifyAsync).RequireAuthorization(DiaBanPolicies.CanVerifyRecords)
            .WithSummary("Verify a submitted entry: writes the incident web-{id} in the same transaction; audited.");
        api.MapPost("/{id:long}/return", ReturnAsync).RequireAuthorization(DiaBanPolicies.CanVerifyRecords)
            .WithSummary("Return a submitted entry to its officer with a reason; audited.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<EntryJson>>> MineAsync(HttpContext http, IncidentEntryQueries queries, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<EntryJson>>((await queries.MineAsync(WebActor.Of(http.User), UserAreaScope.For(http.User), ct)).Select(EntryJson.From).ToList());

    public static async Task<Ok<IReadOnlyList<EntryJson>>> QueueAsync(HttpContext http, IncidentEntryQueries queries, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<EntryJson>>((await queries.QueueAsync(UserAreaScope.For(http.User), ct)).Select(EntryJson.From).ToList());

    public static async Task<Results<Ok<EntryJson>, NotFound, ForbidHttpResult>> GetAsync(
        HttpContext http, IncidentEntryQueries queries, IAuthorizationService authorization, long id, CancellationToken ct)
    {
        if (!await MayReadAsync(http.User, authorization)) return TypedResults.Forbid();
        var view = await queries.GetAsync(id, UserAreaScope.For(http.User), ct);
        if (view is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = OfficialStatusApi.ETagOf(view.Version);
        return TypedResults.Ok(EntryJson.From(view));
    }

    public static async Task<IResult> CreateAsync(HttpContext http, IncidentEntryStore store, IncidentEntryInput body, CancellationToken ct)
    {
        var result = await store.CreateAsync(WithDefaults(body, http.User), WebActor.Of(http.User), UserAreaScope.For(http.User), ct);
        return result.IsDone
            ? TypedResults.Created($"/api/incident-entries/{result.Value!.Id}", EntryJson.From(result.Value))
            : ToResult(http, result);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, IncidentEntryStore store, long id, IncidentEntryInput body, CancellationToken ct) =>
        ToResult(http, await store.UpdateAsync(id, WithDefaults(body, http.User), WebActor.Of(http.User), UserAreaScope.For(http.User),
            OfficialStatusApi.VersionOf(http.Request), ct));

    public static async Task<IResult> SubmitAsync(HttpContext http, IncidentEntryStore store, long id, CancellationToken ct) =>
        ToResult(http, await store.SubmitAsync(id, WebActor.Of(http.User), UserAreaScope.For(http.User), OfficialStatusApi.VersionOf(http.Request), ct));

    public static async Task<IResult> VerifyAsync(HttpContext http, IncidentEntryStore store, JobQueue jobs, long id, CancellationToken ct)
    {
        var result = await store.VerifyAsync(id, WebActor.Of(http.User), UserAreaScope.For(http.User), OfficialStatusApi.VersionOf(http.Request), ct);
        if (result is { Outcome: WriteOutcome.Done, Value: { } entry }) VerifiedIncidentFollowUp.Enqueue(jobs, entry.OccurredOn.Year, WebActor.Of(http.User));
        return ToResult(http, result);
    }

    public static async Task<IResult> ReturnAsync(HttpContext http, IncidentEntryStore store, long id, ReturnRequest body, CancellationToken ct) =>
        ToResult(http, await store.ReturnAsync(id, body.Reason, WebActor.Of(http.User), UserAreaScope.For(http.User), OfficialStatusApi.VersionOf(http.Request), ct));


    /// <summary>The recording unit when none is typed: the user's unit (display name), else his province's name.</summary>
    public static string DefaultRecordedBy(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.GivenName)?.Value is { Length: > 0 } unit ? unit
        : user.FindFirst(AreaClaimTypes.ProvinceName)?.Value is { Length: > 0 } province ? province
        : user.Identity?.Name ?? "";

    /// <summary>Enterers and verifiers read entries (each only inside his area); other roles never.</summary>
    public static async Task<bool> MayReadAsync(ClaimsPrincipal user, IAuthorizationService authorization) =>
        (await authorization.AuthorizeAsync(user, DiaBanPolicies.CanEnterRecords)).Succeeded
        || (await authorization.AuthorizeAsync(user, DiaBanPolicies.CanVerifyRecords)).Succeeded;

    private static IncidentEntryInput WithDefaults(IncidentEntryInput body, ClaimsPrincipal user) =>
        string.IsNullOrWhiteSpace(body.RecordedBy) ? body with { RecordedBy = DefaultRecordedBy(user) } : body;

    private static IResult ToResult(HttpContext http, WriteResult<IncidentEntryView> result) =>
        WriteAnswers.Versioned(http, result, entry => entry.Version, EntryJson.From);
}

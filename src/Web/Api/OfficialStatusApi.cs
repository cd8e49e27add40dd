using System.Globalization;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// GET and PUT /api/status/{code}/{year}/official: leaders and administrators record the province's decision.
/// Optimistic concurrency: GET (and each feature of GET /api/status, property `version`) gives the row's version as an
/// ETag; PUT must send it back in If-Match — 428 without it, 412 when someone changed the row meanwhile.
/// </summary>
public static class OfficialStatusApi
{
    /// <param name="Status">A status code (drug_free, has_drugs, key_type_iii …), or null to withdraw the official status.</param>
    /// <param name="Reason">The decision it rests on, e.g. "QĐ 123/QĐ-UBND ngày 12/1/2026".</param>
    public sealed record OfficialStatusRequest(string? Status, string? Reason);

    public static IEndpointRouteBuilder MapOfficialStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status/{code}/{year:int}/official", GetAsync)
            .WithTags("Status")
            .WithSummary("The official status of a commune and year as it stands, with its version as ETag (send it in If-Match to change it).");
        app.MapPut("/api/status/{code}/{year:int}/official", RecordAsync)
            .WithTags("Status")
            .WithSummary("Record (or withdraw with status null) the official status the province decided for a commune and year; needs If-Match with the ETag from GET; audited.")
            .RequireAuthorization(DiaBanPolicies.CanRecordOfficialStatus);
        return app;
    }

    public static async Task<Results<Ok<OfficialStatusState>, NotFound>> GetAsync(
        HttpContext http, OfficialStatusRecorder recorder, string code, int year, CancellationToken ct)
    {
        var state = await recorder.CurrentAsync(code, year, UserAreaScope.For(http.User), ct);
        if (state is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = ETagOf(state.Version);
        return TypedResults.Ok(state);
    }

    // Out of the caller's area answers 404 like a code that does not exist, so codes elsewhere are not revealed.
    // The If-Match version is the ETag of GET (or the feature's `version`): 428 without it, 412 with the current one as ETag.
    public static async Task<Results<Ok<OfficialStatusChange>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAsync(
        HttpContext http, OfficialStatusRecorder recorder, string code, int year, OfficialStatusRequest body, CancellationToken ct)
    {
        if (!ApiInput.IsCleanText(body.Reason, 2000) || !ApiInput.IsCleanText(body.Status, 64) || !ApiInput.IsYear(year))
            return ApiProblems.BadRequest("reason: at most 2000 characters without control characters; year 1990–2100");
        var result = await recorder.RecordAsync(code, year, body.Status, body.Reason ?? "",
            WebActor.Of(http.User), UserAreaScope.For(http.User), VersionOf(http.Request), ct);
        return WriteAnswers.Versioned(http, result, change => change.Version, change => change);
    }

    public static string ETagOf(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    // If-Match: "123" (one strong entity tag); anything else counts as no version
    internal static uint? VersionOf(HttpRequest request)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        if (tags.Count != 1) return null;
        var tag = tags[0];
        if (tag.IsWeak || tag.Tag.Length < 3) return null;
        return uint.TryParse(tag.Tag.Value.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}

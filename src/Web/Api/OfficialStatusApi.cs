using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>PUT /api/status/{code}/{year}/official: leaders and administrators record the province's decision.</summary>
public static class OfficialStatusApi
{
    /// <param name="Status">A status code (drug_free, has_drugs, key_type_iii …), or null to withdraw the official status.</param>
    /// <param name="Reason">The decision it rests on, e.g. "QĐ 123/QĐ-UBND ngày 12/1/2026".</param>
    public sealed record OfficialStatusRequest(string? Status, string? Reason);

    public static IEndpointRouteBuilder MapOfficialStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/status/{code}/{year:int}/official", RecordAsync)
            .WithTags("Status")
            .WithSummary("Record (or withdraw with status null) the official status the province decided for a commune and year; audited.")
            .RequireAuthorization(policy => policy.RequireRole(DiaBanRoles.Leader, DiaBanRoles.Admin));
        return app;
    }

    // Out of the caller's area answers 404 like a code that does not exist, so codes elsewhere are not revealed.
    public static async Task<Results<Ok<OfficialStatusChange>, NotFound, ProblemHttpResult>> RecordAsync(
        HttpContext http, OfficialStatusRecorder recorder, string code, int year, OfficialStatusRequest body, CancellationToken ct)
    {
        if (!ApiInput.IsCleanText(body.Reason, 2000) || !ApiInput.IsCleanText(body.Status, 64) || !ApiInput.IsYear(year))
            return ApiProblems.BadRequest("reason: at most 2000 characters without control characters; year 1990–2100");
        try
        {
            var change = await recorder.RecordAsync(code, year, body.Status, body.Reason ?? "",
                $"web:{http.User.Identity?.Name}", UserAreaScope.For(http.User), ct);
            return change is null ? TypedResults.NotFound() : TypedResults.Ok(change);
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }
}

using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/targets: plan targets (chỉ tiêu kế hoạch) of a year in the caller's area and their progress; leaders and
/// administrators create, change and delete them (audited, validated with the targets file rules).
/// </summary>
public static class TargetsApi
{
    /// <summary>A target as JSON: the targets file's fields (codes) plus id, label and who last changed it.</summary>
    public sealed record TargetJson(long Id, string ScopeLevel, IReadOnlyList<string> ScopeCodes, int Year, string Indicator,
        string IndicatorLabel, string? KeyType, string Comparison, string Direction, double Value, string LegalBasis,
        string DocumentNumber, string? Note, string UpdatedBy, DateTimeOffset UpdatedAt)
    {
        public static TargetJson From(StoredTarget s) => new(s.Id, s.Target.Scope.Level.Code(), s.Target.Scope.Codes, s.Target.Year,
            s.Target.Indicator.Code(), s.Target.Indicator.VietnameseLabel(), s.Target.KeyType?.Code(), s.Target.Comparison.Code(),
            s.Target.Direction.Code(), s.Target.Value, s.Target.LegalBasis, s.Target.DocumentNumber, s.Target.Note, s.UpdatedBy, s.UpdatedAt);
    }

    public sealed record DriverJson(string Code, string Name, double Baseline, double Actual);

    /// <summary>Progress of one target; values in the indicator's units (percent for a share), null = no data.</summary>
    public sealed record ProgressJson(TargetJson Target, double? Baseline, double? Actual, double? Projection, double? Required,
        double ElapsedFraction, string Verdict, string VerdictLabel, string? Reason, string Source,
        IReadOnlyList<DriverJson> Helping, IReadOnlyList<DriverJson> Hindering)
    {
        public static ProgressJson From(TargetProgressRow p) => new(TargetJson.From(p.Stored), p.Baseline, p.Actual, p.Projection,
            p.Required, p.ElapsedFraction, VerdictInfo.Code(p.Verdict), VerdictInfo.Label(p.Verdict), p.Reason, p.Source,
            p.Helping.Select(d => new DriverJson(d.Code, d.Name, d.Baseline, d.Actual)).ToList(),
            p.Hindering.Select(d => new DriverJson(d.Code, d.Name, d.Baseline, d.Actual)).ToList());
    }

    /// <summary>The body of POST and PUT: the targets file's columns as text (value "20", "-5", "20%").</summary>
    public sealed record TargetRequest(string? ScopeLevel, string? ScopeCodes, string? Year, string? Indicator, string? KeyType,
        string? Comparison, string? Direction, string? Value, string? LegalBasis, string? DocumentNumber, string? Note)
    {
        public IReadOnlyDictionary<string, string?> Fields() => new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [PlanTargetRow.ScopeLevel] = ScopeLevel, [PlanTargetRow.ScopeCodes] = ScopeCodes, [PlanTargetRow.Year] = Year,
            [PlanTargetRow.Indicator] = Indicator, [PlanTargetRow.KeyType] = KeyType, [PlanTargetRow.Comparison] = Comparison,
            [PlanTargetRow.Direction] = Direction, [PlanTargetRow.Value] = Value, [PlanTargetRow.LegalBasis] = LegalBasis,
            [PlanTargetRow.DocumentNumber] = DocumentNumber, [PlanTargetRow.Note] = Note,
        };
    }

    public static IEndpointRouteBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/targets").WithTags("Targets");
        api.MapGet("", ListAsync).WithSummary("Plan targets of the year whose scope lies inside the caller's area.");
        api.MapGet("/progress", ProgressAsync)
            .WithSummary("Each target of the year with baseline (previous year), actual so far, linear projection, verdict and the communes that drive it.");
        var edit = api.MapGroup("").RequireAuthorization(DiaBanPolicies.CanEditTargets);
        edit.MapPost("", CreateAsync).WithSummary("Register a target (leaders, administrators); audited.");
        edit.MapPut("/{id:long}", UpdateAsync).WithSummary("Change a target (leaders, administrators); audited.");
        edit.MapDelete("/{id:long}", DeleteAsync).WithSummary("Delete a target (leaders, administrators); audited.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<TargetJson>>, ProblemHttpResult>> ListAsync(
        HttpContext http, TargetQueries queries, int? year, CancellationToken ct)
    {
        if (year is { } y && !ApiInput.IsYear(y)) return ApiProblems.BadRequest("year: 1990–2100");
        var rows = await queries.ListAsync(year, UserAreaScope.For(http.User), ct);
        return TypedResults.Ok<IReadOnlyList<TargetJson>>(rows.Select(TargetJson.From).ToList());
    }

    public static async Task<Results<Ok<IReadOnlyList<ProgressJson>>, ProblemHttpResult>> ProgressAsync(
        HttpContext http, TargetQueries queries, int? year, CancellationToken ct)
    {
        if (year is not { } y || !ApiInput.IsYear(y)) return ApiProblems.BadRequest("year is required, 1990–2100");
        var rows = await queries.ProgressAsync(y, UserAreaScope.For(http.User), ct);
        return TypedResults.Ok<IReadOnlyList<ProgressJson>>(rows.Select(ProgressJson.From).ToList());
    }

    public static async Task<Results<Created<TargetJson>, ValidationProblem>> CreateAsync(
        HttpContext http, PlanTargetStore store, TargetRequest body, CancellationToken ct)
    {
        var edit = await store.CreateAsync(body.Fields(), WebActor.Of(http.User), UserAreaScope.For(http.User), ct);
        return edit.Value is { } t ? TypedResults.Created($"/api/targets/{t.Id}", TargetJson.From(t)) : WriteAnswers.Invalid(edit);
    }

    public static async Task<Results<Ok<TargetJson>, NotFound, ValidationProblem>> UpdateAsync(
        HttpContext http, PlanTargetStore store, long id, TargetRequest body, CancellationToken ct)
    {
        var edit = await store.UpdateAsync(id, body.Fields(), WebActor.Of(http.User), UserAreaScope.For(http.User), ct);
        if (edit.Outcome == WriteOutcome.NotFound) return TypedResults.NotFound();
        return edit.Value is { } t ? TypedResults.Ok(TargetJson.From(t)) : WriteAnswers.Invalid(edit);
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(HttpContext http, PlanTargetStore store, long id, CancellationToken ct) =>
        await store.DeleteAsync(id, WebActor.Of(http.User), UserAreaScope.For(http.User), ct) ? TypedResults.NoContent() : TypedResults.NotFound();


}

/// <summary>Codes and Vietnamese words of a verdict, shared by the API and the page.</summary>
public static class VerdictInfo
{
    public static string Code(TargetVerdict v) => v.Code();

    public static string Label(TargetVerdict v) => v.VietnameseLabel();
}

using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/figures: a commune's figures per period (the DHIS2-like data set form, issue 9 §3). Commune police enter and
/// submit (CanEnterRecords), a province officer approves or returns with a reason (CanVerifyRecords); every step is
/// audited; a commune outside the caller's area answers 404 like a missing one.
/// </summary>
public static class FiguresApi
{
    /// <summary>The form as JSON: required figures (column, label), values by column, the review state and its people.</summary>
    public sealed record FigureFormJson(string Code, string Name, string Period, string PeriodLabel, IReadOnlyList<string> Required,
        IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Missing, string State, string? EnteredBy, DateTimeOffset? EnteredAt,
        string? SubmittedBy, DateTimeOffset? SubmittedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? ReturnedBy,
        DateTimeOffset? ReturnedAt, string? ReturnedReason)
    {
        public static FigureFormJson From(FigureForm f) => new(f.Code, f.Name, f.Period.Code, f.Period.VietnameseLabel,
            f.Required.Split().Select(x => x.ColumnName()).ToList(), f.Values.AsText(),
            (f.Required & ~f.Values.Present).Split().Select(x => x.ColumnName()).ToList(), StateCode(f.State),
            f.EnteredBy, f.EnteredAt, f.SubmittedBy, f.SubmittedAt, f.ApprovedBy, f.ApprovedAt, f.ReturnedBy, f.ReturnedAt, f.ReturnedReason);
    }

    /// <summary>"new" before anything is saved, else draft / submitted / verified / returned.</summary>
    public static string StateCode(ReviewState? state) => state?.ToString().ToLowerInvariant() ?? "new";

    public sealed record ReturnRequest(string? Reason);

    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/figures").WithTags("Figures");
        api.MapGet("", ListAsync).WithSummary("Figure forms in the caller's area, by ?period= and ?state= (draft, submitted, verified, returned): the review queue.");
        api.MapGet("/{code}/{period}", GetAsync)
            .WithSummary("A commune's form for a period (2026, 2026H1, 2026Q3, 2026-03): the figures the rule set in force at the period's end needs, the values entered and the review.");
        var enter = api.MapGroup("/{code}/{period}").RequireAuthorization(DiaBanPolicies.CanEnterRecords);
        enter.MapPut("", SaveAsync).WithSummary("Save the figures as a draft (column → value; empty = not reported); a new, draft or returned form only. Audited.");
        enter.MapPost("/submit", SubmitAsync).WithSummary("Submit the form for approval; the submission time is when the figures count as received. Audited.");
        var verify = api.MapGroup("/{code}/{period}").RequireAuthorization(DiaBanPolicies.CanVerifyRecords);
        verify.MapPost("/approve", ApproveAsync).WithSummary("Approve a submitted form (province officers); a year's figures then replace the commune's reported figures. Audited.");
        verify.MapPost("/return", ReturnAsync).WithSummary("Return a submitted form with a reason (province officers). Audited.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<FigureFormJson>>, ProblemHttpResult>> ListAsync(
        HttpContext http, FigureEntryStore store, string? period, string? state, CancellationToken ct)
    {
        Analytics.Domain.ReportPeriod? p = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            var (parsed, problem) = ApiInput.Period(period);
            if (parsed is null) return problem!;
            p = parsed;
        }
        ReviewState? s = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<ReviewState>(state, true, out var parsed) || int.TryParse(state, out _))
                return ApiProblems.BadRequest("state: draft, submitted, verified or returned");
            s = parsed;
        }
        var forms = await store.ListAsync(p, s, UserAreaScope.For(http.User), ct);
        return TypedResults.Ok<IReadOnlyList<FigureFormJson>>(forms.Select(FigureFormJson.From).ToList());
    }

    public static async Task<Results<Ok<FigureFormJson>, NotFound, ProblemHttpResult>> GetAsync(
        HttpContext http, FigureEntryStore store, string code, string period, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period);
        if (p is not { } chosen) return problem!;
        var form = await store.FormAsync(code, chosen, UserAreaScope.For(http.User), ct);
        return form is null ? TypedResults.NotFound() : TypedResults.Ok(FigureFormJson.From(form));
    }

    public static async Task<Results<Ok<FigureFormJson>, NotFound, ValidationProblem, ProblemHttpResult>> SaveAsync(
        HttpContext http, FigureEntryStore store, string code, string period, Dictionary<string, string?> body, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period);
        if (p is not { } chosen) return problem!;
        if (body.Count > 32 || body.Values.Any(v => !ApiInput.IsCleanText(v, 32))) return ApiProblems.BadRequest("figures: at most 32 fields of at most 32 characters");
        return Answer(await store.SaveAsync(code, chosen, body, WebActor.Of(http.User), UserAreaScope.For(http.User), ct));
    }

    public static async Task<Results<Ok<FigureFormJson>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpContext http, FigureEntryStore store, string code, string period, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period);
        if (p is not { } chosen) return problem!;
        return Answer(await store.SubmitAsync(code, chosen, WebActor.Of(http.User), UserAreaScope.For(http.User), ct));
    }

    public static async Task<Results<Ok<FigureFormJson>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        HttpContext http, FigureEntryStore store, string code, string period, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period);
        if (p is not { } chosen) return problem!;
        return Answer(await store.ApproveAsync(code, chosen, WebActor.Of(http.User), UserAreaScope.For(http.User), ct));
    }

    public static async Task<Results<Ok<FigureFormJson>, NotFound, ValidationProblem, ProblemHttpResult>> ReturnAsync(
        HttpContext http, FigureEntryStore store, string code, string period, ReturnRequest body, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period);
        if (p is not { } chosen) return problem!;
        if (!ApiInput.IsCleanText(body.Reason, FigureEntryStore.MaxReasonLength)) return ApiProblems.BadRequest("reason: text without control characters, at most 1000 characters");
        return Answer(await store.ReturnAsync(code, chosen, body.Reason ?? "", WebActor.Of(http.User), UserAreaScope.For(http.User), ct));
    }

    private static Results<Ok<FigureFormJson>, NotFound, ValidationProblem, ProblemHttpResult> Answer(WriteResult<FigureForm> result) =>
        WriteAnswers.Answer(result, form => TypedResults.Ok(FigureFormJson.From(form)));

}

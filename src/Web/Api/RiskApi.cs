using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Jobs;
using DiaBan.Web.Risk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// Risk scores (GeoJSON), the patrol priority list (JSON, CSV) and the backtest report; police, leaders and
/// administrators only. They only read: while the scores or the backtest are being prepared in the background they
/// answer 202 Accepted with the job (Location /api/jobs/{id}, Retry-After) and the client asks again.
/// </summary>
public static class RiskApi
{
    public const int DefaultCapacity = 10;
    public const double DefaultExploration = 0.2;

    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Risk").RequireAuthorization(DiaBanPolicies.CanPlanPatrols)
            .RequireRateLimiting(SecurityLimits.ExpensivePolicy);
        api.MapGet("/risk", GetRiskAsync)
            .WithSummary("Communes in the caller's area with next-quarter risk (?quarter=YYYYQn, default the next one): probability with its 90 % band, expected count, reasons, model version. 202 with the job while the scores are being prepared.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        api.MapGet("/patrol", GetPatrolAsync)
            .WithSummary("Patrol priority list for ?quarter=YYYYQn&capacity=N&exploration=0..1 (share of slots for exploration, default 0.2); 202 with the job while being prepared.");
        api.MapGet("/patrol/export.csv", GetPatrolCsvAsync)
            .WithSummary("The same list as CSV (UTF-8 with BOM, for Excel); 202 with the job while being prepared.")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv");
        // province-wide model metrics: not for a police officer who answers for a few communes
        api.MapGet("/model/backtest", GetBacktestAsync)
            .RequireAuthorization(DiaBanPolicies.CanReviewModel)
            .WithSummary("Rolling-origin backtest of the newest quarters with outcomes (RiskJobs:BacktestQuarters): model vs last-quarter, 4-quarter-mean and KDE baselines (leaders and administrators); 202 with the job while it runs.");
        return app;
    }

    public static async Task<Results<GeoJsonResult, Accepted<JobStatus>, ProblemHttpResult>> GetRiskAsync(HttpContext http, RiskWorkspace risk,
        RiskReasonText reasons, string? quarter, CancellationToken ct)
    {
        var (q, quarterError) = await QuarterAsync(risk, quarter, ct);
        if (q is not { } forQuarter) return ApiProblems.BadRequest(quarterError ?? "no quarter to score / chưa có quý để chấm điểm");
        if (await risk.PrepareScoresAsync(forQuarter, forQuarter, ct) is { } job) return JobsApi.Accepted(http, job, risk.Options);
        // each stored reason {feature, value, contribution, exposureAdjusted} gets its text in the request's language
        return new GeoJsonResult(RiskReasonJson.WithTexts(await risk.Queries.FeatureCollectionAsync(forQuarter, UserAreaScope.For(http.User), ct), reasons));
    }

    public static async Task<Results<Ok<PatrolResponse>, Accepted<JobStatus>, ProblemHttpResult>> GetPatrolAsync(HttpContext http,
        RiskWorkspace risk, PatrolAssignmentText explain, string? quarter, int? capacity, double? exploration, CancellationToken ct)
    {
        var (plan, job, problem) = await PlanAsync(http, risk, quarter, capacity, exploration, ct);
        if (problem is not null) return problem;
        if (job is not null) return JobsApi.Accepted(http, job, risk.Options);
        return TypedResults.Ok(PatrolResponse.From(plan!, explain));
    }

    public static async Task<Results<FileContentHttpResult, Accepted<JobStatus>, ProblemHttpResult>> GetPatrolCsvAsync(HttpContext http,
        RiskWorkspace risk, PatrolAssignmentText explain, string? quarter, int? capacity, double? exploration, CancellationToken ct)
    {
        var (plan, job, problem) = await PlanAsync(http, risk, quarter, capacity, exploration, ct);
        if (problem is not null) return problem;
        if (job is not null) return JobsApi.Accepted(http, job, risk.Options);
        return TypedResults.File(PatrolCsv.Build(plan!, explain), "text/csv; charset=utf-8", $"uu-tien-tuan-tra-{CalendarQuarter.FromOrdinal(plan!.Quarter)}.csv");
    }

    public static async Task<Results<Ok<BacktestReport>, Accepted<JobStatus>>> GetBacktestAsync(HttpContext http, RiskWorkspace risk,
        CancellationToken ct)
    {
        var (report, job) = await risk.BacktestAsync(ct);
        return report is not null ? TypedResults.Ok(report) : JobsApi.Accepted(http, job!, risk.Options);
    }

    private static async Task<(PatrolPlanResult? Plan, JobStatus? Job, ProblemHttpResult? Problem)> PlanAsync(HttpContext http,
        RiskWorkspace risk, string? quarter, int? capacity, double? exploration, CancellationToken ct)
    {
        var (q, quarterError) = await QuarterAsync(risk, quarter, ct);
        if (q is null) return (null, null, ApiProblems.BadRequest(quarterError ?? "no quarter to plan / chưa có quý để lập kế hoạch"));
        if (capacity is < 0 or > 1000) return (null, null, ApiProblems.BadRequest("capacity must be 0–1000 communes"));
        if (exploration is { } e && !ApiInput.IsFinite(e, 0, 1)) return (null, null, ApiProblems.BadRequest("exploration must be a share 0–1"));
        var (plan, job) = await risk.PlanAsync(q.Value, capacity ?? DefaultCapacity, exploration ?? DefaultExploration,
            UserAreaScope.For(http.User), ct);
        return (plan, job, null);
    }

    // the requested quarter ("2026Q4" or "2026-Q4") as an ordinal, or the next one to forecast when none is given
    private static async Task<(int? Quarter, string? Error)> QuarterAsync(RiskWorkspace risk, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return (await risk.NextQuarterAsync(ct), null);
        try
        {
            return (CalendarQuarter.Parse(text).Ordinal, null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }
}

/// <summary>GET /api/patrol body; <c>explanation</c> and <c>reasons</c> are worded in the request's language (<see cref="PatrolAssignmentText"/>).</summary>
public sealed record PatrolResponse(string Quarter, int Capacity, double Exploration, int ExplorationSlots, PatrolModelInfo Model,
    IReadOnlyList<PatrolRow> Rows)
{
    public static PatrolResponse From(PatrolPlanResult plan, PatrolAssignmentText explain) => new(
        CalendarQuarter.FromOrdinal(plan.Quarter).ToString(), plan.Plan.Slots, plan.Plan.ExplorationShare, plan.Plan.ExplorationSlots,
        PatrolModelInfo.From(plan.Version),
        plan.Rows.Select(r => new PatrolRow(r.Assignment.Rank, r.Commune.Code, r.Commune.Name, r.Commune.Score.Probability,
            r.Commune.Score.ProbabilityLow, r.Commune.Score.ProbabilityHigh, r.Commune.Score.ExpectedCount, r.Assignment.Exploration,
            r.Assignment.RiskRank, explain.Commune(r.Assignment), r.Commune.Reasons.Select(explain.Reasons.Render).ToArray())).ToArray());
}

public sealed record PatrolModelInfo(int Id, string TrainingWindow, DateTimeOffset CreatedAt, string DataHash)
{
    public static PatrolModelInfo From(DiaBan.Geo.Data.RiskModelRecord r) =>
        new(r.Id, $"{CalendarQuarter.FromOrdinal(r.TrainingFromQuarter).Label}…{CalendarQuarter.FromOrdinal(r.TrainingToQuarter).Label}", r.CreatedAt, r.DataHash);
}

public sealed record PatrolRow(int Rank, string Code, string Name, double Probability, double ProbabilityLow, double ProbabilityHigh,
    double ExpectedCount, bool Exploration, int RiskRank, string Explanation, IReadOnlyList<string> Reasons);

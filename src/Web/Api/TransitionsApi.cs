using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Planning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Api;

/// <summary>
/// GET /api/transitions?from=&amp;to=[&amp;rule=]: the from × to status matrix of two years in the caller's area, every
/// commune valid at the end of the to-year counted once; across the 2025 merger a commune's from-status is derived from
/// its predecessors by the stated rule (configured default, Transitions:Rule) and flagged as derived.
/// </summary>
public static class TransitionsApi
{
    /// <summary>The matrix: non-empty cells (status codes, "not_assessed" for none), then what lies behind them.</summary>
    public sealed record TransitionsJson(int From, int To, IReadOnlyList<CellJson> Cells, int Total, string Rule,
        IReadOnlyList<UnitJson> Improved, IReadOnlyList<UnitJson> Worsened, IReadOnlyList<string> Derived)
    {
        public static TransitionsJson Of(TransitionReport report)
        {
            var m = report.Matrix;
            return new(m.FromYear, m.ToYear, m.Cells.Select(c => new CellJson(c.FromCode, c.ToCode, c.Count, c.Communes)).ToList(),
                m.Total, m.Rule.Code(), m.Improved.Select(u => UnitJson.Of(u, report)).ToList(),
                m.Worsened.Select(u => UnitJson.Of(u, report)).ToList(), m.Units.Where(u => u.Derived).Select(u => u.UnitCode).ToList());
        }
    }

    public sealed record CellJson(string From, string To, int Count, IReadOnlyList<string> Communes);

    /// <summary>A commune that improved or worsened: the criteria whose outcome changed, with both years' figures.</summary>
    public sealed record UnitJson(string Code, string Name, string From, string To, string Change, bool Derived,
        DerivationJson? Derivation, IReadOnlyList<CriterionJson> ChangedCriteria)
    {
        public static UnitJson Of(UnitTransition u, TransitionReport report) => new(u.UnitCode, report.NameOf(u.UnitCode),
            u.From.AxisCode(), u.To.AxisCode(), u.Change.Code(), u.Derived,
            u.Derivation is { } d ? new DerivationJson(d.Status.AxisCode(), d.Rule.Code(), d.Note, d.Predecessors.Select(p =>
                new PredecessorJson(p.OldCode, report.PredecessorNameOf(p.OldCode), p.Status.AxisCode(), p.AreaShare, p.PopulationShare,
                    p.Population, p.Weight)).ToList()) : null,
            u.ChangedCriteria.Select(c => new CriterionJson(c.ClassStatus.Code(), c.Code, c.Description, c.HeldBefore, c.HeldAfter,
                c.Before, c.After)).ToList());
    }

    /// <summary>How a derived from-status came about; Rule is the rule applied (worst when a population was missing).</summary>
    public sealed record DerivationJson(string Status, string Rule, string? Note, IReadOnlyList<PredecessorJson> Predecessors);

    public sealed record PredecessorJson(string Code, string Name, string Status, double AreaShare, double PopulationShare,
        int? Population, double? Weight);

    public sealed record CriterionJson(string Class, string Code, string Description, bool? HeldBefore, bool? HeldAfter,
        IReadOnlyList<FigureReading> Before, IReadOnlyList<FigureReading> After);

    public static IEndpointRouteBuilder MapTransitionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/transitions").WithTags("Transitions").MapGet("", GetAsync)
            .WithSummary("Status transitions between two years: the from × to matrix (each cell with its communes), the communes that improved and worsened with the criteria that changed, and which from-statuses were derived across the 2025 merger.");
        return app;
    }

    public static async Task<Results<Ok<TransitionsJson>, ProblemHttpResult>> GetAsync(HttpContext http, TransitionQueries queries,
        IOptions<TransitionOptions> options, int? from, int? to, string? rule, CancellationToken ct)
    {
        if (from is not { } f || to is not { } t || !ApiInput.IsYear(f) || !ApiInput.IsYear(t) || f > t)
            return ApiProblems.BadRequest($"from and to are required years {ApiInput.FirstYear}–{ApiInput.LastYear}, from ≤ to");
        var chosen = options.Value.Rule;
        if (rule is not null && !TransitionCodes.TryParseRule(rule, out chosen)) return ApiProblems.BadRequest(TransitionCodes.RuleHint);
        var report = await queries.TransitionsAsync(f, t, chosen, UserAreaScope.For(http.User), ct);
        return TypedResults.Ok(TransitionsJson.Of(report));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// A per-request time budget for the long computations: cancelled when the caller goes away (RequestAborted) or when
/// the budget runs out, so one request cannot hold the CPU and the database for minutes.
/// </summary>
public sealed class RequestBudget : IDisposable
{
    /// <summary>Long enough for ten years of Emerging Hot Spots on a province; far below the minutes a runaway takes.</summary>
    public static TimeSpan Limit { get; set; } = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource timeout;
    private readonly CancellationTokenSource linked;

    private RequestBudget(CancellationToken requestAborted)
    {
        timeout = new CancellationTokenSource(Limit);
        linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeout.Token);
    }

    public static RequestBudget Start(CancellationToken requestAborted) => new(requestAborted);

    public CancellationToken Token => linked.Token;

    public bool Expired => timeout.IsCancellationRequested;

    public static ProblemHttpResult Exceeded() => TypedResults.Problem(
        title: "Tính toán quá lâu / Computation took too long",
        detail: $"the request exceeded its time budget of {Limit.TotalSeconds:0} s; ask for a shorter span",
        statusCode: StatusCodes.Status503ServiceUnavailable);

    public void Dispose()
    {
        linked.Dispose();
        timeout.Dispose();
    }
}

using DiaBan.Analytics.Planning;
using DiaBan.Geo.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>One HTTP answer per refused write (<see cref="WriteOutcome"/>), whichever store refused it: 400 with the
/// errors by field, 403, 404, 409 when the record's state does not allow the step, 412 when it changed since read (with
/// its current version as the ETag when the store knows it), 428 when the caller named no version.</summary>
internal static class WriteAnswers
{
    public static ValidationProblem Invalid(IReadOnlyList<FieldError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: "Dữ liệu không hợp lệ / Invalid entry");

    public static ValidationProblem Invalid<T>(WriteResult<T> result) => Invalid(result.Errors);

    /// <summary>
    /// The answer to any write: <paramref name="done"/> of the written value, else 404, 400 by field, or the refusal's
    /// problem; a stale write's current version goes out as the ETag (send it back in If-Match after reading again).
    /// </summary>
    public static Results<TDone, NotFound, ValidationProblem, ProblemHttpResult> Answer<T, TDone>(HttpContext http, WriteResult<T> result, Func<T, TDone> done)
        where TDone : IResult
    {
        if (result.Outcome is not (WriteOutcome.Done or WriteOutcome.NotFound or WriteOutcome.Invalid) && result.CurrentVersion is { } version)
            http.Response.Headers.ETag = OfficialStatusApi.ETagOf(version);
        return Answer(result, done);
    }

    /// <summary>A write of a versioned record: 200 with its JSON and its new version as the ETag (the If-Match of the next write).</summary>
    public static Results<Ok<TJson>, NotFound, ValidationProblem, ProblemHttpResult> Versioned<T, TJson>(HttpContext http, WriteResult<T> result,
        Func<T, uint> version, Func<T, TJson> json) =>
        Answer(http, result, value =>
        {
            http.Response.Headers.ETag = OfficialStatusApi.ETagOf(version(value));
            return TypedResults.Ok(json(value));
        });

    /// <summary>The same for a store that names no current version (nothing goes out as ETag on a refusal).</summary>
    public static Results<TDone, NotFound, ValidationProblem, ProblemHttpResult> Answer<T, TDone>(WriteResult<T> result, Func<T, TDone> done)
        where TDone : IResult => result.Outcome switch
    {
        WriteOutcome.Done => done(result.Value!),
        WriteOutcome.NotFound => TypedResults.NotFound(),
        WriteOutcome.Invalid => Invalid(result),
        _ => Refused(result),
    };

    /// <summary>Forbidden, Conflict, Stale or VersionRequired as a problem with the store's message.</summary>
    public static ProblemHttpResult Refused<T>(WriteResult<T> result) => result.Outcome switch
    {
        WriteOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không được phép / Forbidden", detail: result.Message),
        WriteOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không thể thực hiện lúc này / Not allowed now", detail: result.Message),
        WriteOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Đã có người khác thay đổi / Changed by someone else", detail: result.Message),
        WriteOutcome.VersionRequired => TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Cần gửi If-Match / If-Match is required", detail: result.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "not a refusal with a problem answer"),
    };
}

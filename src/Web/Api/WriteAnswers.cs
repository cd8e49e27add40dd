using DiaBan.Analytics.Planning;
using DiaBan.Geo.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>One HTTP answer per refused write (<see cref="WriteOutcome"/>), whichever store refused it: 400 with the
/// errors by field, 403, 409 when the record's state does not allow the step, 412 when it changed since read.</summary>
internal static class WriteAnswers
{
    public static ValidationProblem Invalid(IReadOnlyList<FieldError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: "Dữ liệu không hợp lệ / Invalid entry");

    public static ValidationProblem Invalid<T>(WriteResult<T> result) => Invalid(result.Errors);

    /// <summary>Forbidden, Conflict or Stale as a problem with the store's message.</summary>
    public static ProblemHttpResult Refused<T>(WriteResult<T> result) => result.Outcome switch
    {
        WriteOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không được phép / Forbidden", detail: result.Message),
        WriteOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không thể thực hiện lúc này / Not allowed now", detail: result.Message),
        WriteOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Đã có người khác thay đổi / Changed by someone else", detail: result.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "not a refusal with a problem answer"),
    };
}

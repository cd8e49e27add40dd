using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

internal static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Yêu cầu không hợp lệ / Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

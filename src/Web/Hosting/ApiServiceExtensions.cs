namespace DiaBan.Web.Hosting;

public static class ApiServiceExtensions
{
    /// <summary>OpenAPI document at /openapi/v1.json and RFC 9457 problem details for API errors.</summary>
    public static IServiceCollection AddDiaBanApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddProblemDetails();
        return services;
    }
}

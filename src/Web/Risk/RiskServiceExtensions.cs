using DiaBan.Web.Hosting.Jobs;

namespace DiaBan.Web.Risk;

public static class RiskServiceExtensions
{
    /// <summary>The risk workspace (stored scores, patrol plans, background preparation) and its options ("RiskJobs").</summary>
    public static IServiceCollection AddDiaBanRisk(this IServiceCollection services)
    {
        services.AddOptions<RiskJobOptions>().BindConfiguration(RiskJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDiaBanJobs();
        return services.AddSingleton<RiskWorkspace>();
    }
}

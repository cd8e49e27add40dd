namespace DiaBan.Web.Risk;

public static class RiskServiceExtensions
{
    /// <summary>The risk workspace (model, scores, patrol plans) for the patrol page and the risk APIs.</summary>
    public static IServiceCollection AddDiaBanRisk(this IServiceCollection services) => services.AddSingleton<RiskWorkspace>();
}

namespace DiaBan.Web.Auth;

/// <summary>The four roles of issue 2: who may administer, read dashboards, work cases, or plan.</summary>
public static class DiaBanRoles
{
    public const string Admin = "admin";
    public const string Leader = "leader";
    public const string Police = "police";
    public const string Planner = "planner";

    public static IReadOnlyList<string> All { get; } = [Admin, Leader, Police, Planner];
}

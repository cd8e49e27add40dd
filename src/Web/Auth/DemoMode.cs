namespace DiaBan.Web.Auth;

/// <summary>Whether this instance runs on demo data: then demo accounts exist and the login page lists them.</summary>
public sealed record DemoMode(bool Enabled);

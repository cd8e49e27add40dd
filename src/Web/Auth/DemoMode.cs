namespace DiaBan.Web.Auth;

/// <summary>
/// Whether this instance runs on demo data. Enabled: demo mode was asked for (or the embedded default database);
/// AccountsActive: the demo accounts exist, set at startup once the database was found to hold only the demo data —
/// the login page lists them only then.
/// </summary>
public sealed class DemoMode(bool enabled)
{
    public bool Enabled { get; } = enabled;

    public bool AccountsActive { get; set; }
}

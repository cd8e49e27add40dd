namespace DiaBan.Web.Hosting.Options;

/// <summary>Section "Demo": demo mode seeds the generated province and the demo accounts into an empty database.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>On or off; unset = on exactly when the embedded default database is used (no connection string configured).</summary>
    public bool? Enabled { get; set; }
}

namespace DiaBan.Web.Hosting;

/// <summary>
/// The resolved DiaBan database, filled once at startup by <see cref="DatabaseStartup"/> (after the host is built, so
/// test hosts can override the configuration). Everything that opens a connection reads it from here.
/// </summary>
public sealed class DatabaseConnection
{
    private string? connectionString;

    public string ConnectionString =>
        connectionString ?? throw new InvalidOperationException("the database is not prepared yet (DatabaseStartup runs before the app serves requests)");

    /// <summary>True when no connection string was configured and the app runs its private embedded cluster.</summary>
    public bool Embedded { get; private set; }

    internal void Set(string value, bool embedded)
    {
        connectionString = value;
        Embedded = embedded;
    }
}

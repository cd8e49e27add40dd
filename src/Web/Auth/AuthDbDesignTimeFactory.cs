using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DiaBan.Web.Auth;

/// <summary>Lets the EF tools build AuthDb for scaffolding migrations without starting the app (no connection is opened).</summary>
public sealed class AuthDbDesignTimeFactory : IDesignTimeDbContextFactory<AuthDb>
{
    public AuthDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AuthDb>();
        AuthDb.ConfigureNpgsql(options, "Host=localhost;Database=diaban_design");
        return new AuthDb(options.Options);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Auth;

/// <summary>Identity tables in their own schema of the DiaBan database, with their own migrations history.</summary>
public sealed class AuthDb(DbContextOptions<AuthDb> options) : IdentityDbContext<DiaBanUser, IdentityRole, string>(options)
{
    public const string Schema = "auth";
    public const string MigrationsHistoryTable = "__auth_migrations";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<DiaBanUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.AreaProvinceCode).HasMaxLength(20);
            user.Property(u => u.AreaCommuneCodes).HasColumnType("text[]");
        });
    }

    /// <summary>Npgsql options shared by the app and the design-time factory.</summary>
    public static void ConfigureNpgsql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, Schema)
            .ExecutionStrategy(d => new Geo.Data.TransientRetryStrategy(d)));
}

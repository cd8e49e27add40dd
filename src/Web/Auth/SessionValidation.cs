using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DiaBan.Web.Auth;

/// <summary>
/// Checks every signed-in request (cookie or bearer token) against the user's row: the account still exists, is not
/// locked, and its security stamp is the one the token was issued with. Sign-out, a lock, a role or password change
/// update the stamp or lock the account, so a stolen or outdated token stops working at once rather than in an hour.
/// A request that fails continues as anonymous: the API answers 401, pages send the browser to the login form.
/// Files of wwwroot (scripts, styles: <see cref="DiaBan.Web.Hosting.StaticAsset"/>) are not checked: they hold no data,
/// and the map page fetches a dozen of them at once, each of which would wait for a database round trip.
/// <para>
/// The row is read on every request, nothing is cached: one small statement (<see cref="Sql"/>) on the app's warmed
/// read pool (<see cref="DiaBan.Web.Hosting.WarmConnections"/>) rather than through Identity's EF store, whose own
/// pool of connections is not kept open (a fresh connection cost a tile request 80–240 ms) and whose context and query
/// pipeline cost more than the statement on a 2 ms tile (docs/performance.md, "Vector tiles", 1 Dec 2026). The lock
/// rule stays Identity's (<see cref="UserManager{TUser}.IsLockedOutAsync"/> on the row's lockout fields).
/// </para>
/// </summary>
public sealed class SessionValidation(RequestDelegate next)
{
    /// <summary>Name of the <see cref="DiaBan.Web.Api.TilesApi.ServerTiming"/> metric of this check (tile answers carry it).</summary>
    public const string TimingName = "session";

    public async Task InvokeAsync(HttpContext context, NpgsqlDataSource dataSource, UserManager<DiaBanUser> users, IOptions<IdentityOptions> options)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata.GetMetadata<DiaBan.Web.Hosting.StaticAsset>() is null)
        {
            var started = Stopwatch.GetTimestamp();
            var current = await IsCurrentAsync(context.User, dataSource, users, options.Value, context.RequestAborted);
            context.Items[TimingKey] = Stopwatch.GetElapsedTime(started);
            if (!current)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (context.Request.Cookies.ContainsKey(AuthServiceExtensions.CookieName))
                {
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            }
        }
        await next(context);
    }

    /// <summary>How long this request's session check took (null when it made none).</summary>
    public static TimeSpan? Elapsed(HttpContext context) => context.Items.TryGetValue(TimingKey, out var t) ? (TimeSpan?)t : null;

    private static readonly object TimingKey = new();

    /// <summary>The user's stamp and lockout fields (Identity's columns of <see cref="AuthDb"/>'s user table).</summary>
    internal const string Sql = $"""
        SELECT "SecurityStamp", "LockoutEnabled", "LockoutEnd" FROM {AuthDb.Schema}."AspNetUsers" WHERE "Id" = @id
        """;

    private static async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, NpgsqlDataSource dataSource, UserManager<DiaBanUser> users,
        IdentityOptions options, CancellationToken ct)
    {
        var id = principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType);
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || stamp is null) return false;
        DiaBanUser row;
        await using (var command = dataSource.CreateCommand(Sql))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("id", id));
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, ct);
            if (!await reader.ReadAsync(ct)) return false;
            row = new DiaBanUser
            {
                Id = id,
                SecurityStamp = reader.IsDBNull(0) ? null : reader.GetString(0),
                LockoutEnabled = reader.GetBoolean(1),
                LockoutEnd = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            };
        }
        return row.SecurityStamp == stamp && !await users.IsLockedOutAsync(row);
    }
}

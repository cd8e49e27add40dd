using System.Security.Claims;
using System.Text.Json;
using DiaBan.Geo.Data;
using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Auth;

/// <summary>Writes sign-ins (successful or not) and sign-outs to the audit trail in the DiaBan database.</summary>
public sealed class SignInAudit(DiaBanDb db, IHttpContextAccessor http)
{
    // audit_entry.actor holds 100 characters, "web:" included; entity_key 200
    private const int MaxActorName = 96;
    private const int MaxEntityKey = 200;

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;

    public async Task RecordAsync(string email, SignInResult result, string channel)
    {
        var action = result.Succeeded ? "sign_in" : result.IsLockedOut ? "sign_in_locked" : "sign_in_failed";
        await RecordAsync(email, action, channel);
    }

    /// <summary>Any sign-in event: sign_in_limited (refused by the progressive delay), token_refresh, token_revoked…</summary>
    public Task RecordAsync(string email, string action, string channel) => WriteAsync(email, action, new { channel, ip = RemoteAddress() });

    public async Task RecordSignOutAsync(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name;
        if (!string.IsNullOrEmpty(name))
        {
            await WriteAsync(name, "sign_out", new { channel = "web", ip = RemoteAddress() });
        }
    }

    private async Task WriteAsync(string actor, string action, object details)
    {

        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            Actor = $"web:{Clip(actor, MaxActorName)}",
            Action = action,
            Entity = "user",
            EntityKey = Clip(actor, MaxEntityKey),
            Details = JsonSerializer.Serialize(details),
        });
        await db.SaveChangesAsync();
    }

    private string? RemoteAddress() => http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

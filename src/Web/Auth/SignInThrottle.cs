using System.Collections.Concurrent;

namespace DiaBan.Web.Auth;

/// <summary>
/// Progressive delay after failed sign-ins, instead of a lock a stranger could trigger. Failures are counted per
/// account and address (a guesser slows only himself) and per account over all addresses (a botnet slows, never locks);
/// past a few free failures each one doubles the wait, capped at <see cref="MaxDelay"/>. Keys are the typed e-mail,
/// whether the account exists or not, so the answers do not reveal which accounts exist.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailuresPerAddress = 3;
    public const int FreeFailuresPerAccount = 20;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);

    private sealed record Entry(int Failures, DateTimeOffset Last, DateTimeOffset NotBefore);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>How long this caller must wait before the next attempt on the account; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string account, string? address)
    {
        var now = clock.GetUtcNow();
        var wait = new[] { Key(account, address), AccountKey(account) }
            .Select(k => entries.TryGetValue(k, out var e) && e.Last + Forget > now ? e.NotBefore - now : TimeSpan.Zero)
            .Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string account, string? address)
    {
        Prune();
        Count(Key(account, address), FreeFailuresPerAddress);
        Count(AccountKey(account), FreeFailuresPerAccount);
    }

    public void Succeeded(string account, string? address)
    {
        entries.TryRemove(Key(account, address), out _);
    }

    private void Count(string key, int free)
    {
        var now = clock.GetUtcNow();
        entries.AddOrUpdate(key,
            _ => Next(1, now, free),
            (_, e) => Next(e.Last + Forget > now ? e.Failures + 1 : 1, now, free));
    }

    private static Entry Next(int failures, DateTimeOffset now, int free)
    {
        var excess = failures - free;
        var delay = excess <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(excess - 1, 10))));
        return new Entry(failures, now, now + delay);
    }

    // the table cannot grow without bound: old entries go once it is large (the per-address rate limit bounds new ones)
    private void Prune()
    {
        if (entries.Count < 10_000) return;
        var now = clock.GetUtcNow();
        foreach (var (key, e) in entries)
        {
            if (e.Last + Forget <= now) entries.TryRemove(key, out _);
        }
    }

    private static string Key(string account, string? address) => $"{account.Trim().ToUpperInvariant()}|{address ?? "?"}";

    private static string AccountKey(string account) => $"{account.Trim().ToUpperInvariant()}|*";
}

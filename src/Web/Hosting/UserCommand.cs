using DiaBan.Web.Auth;

namespace DiaBan.Web.Hosting;

/// <summary>
/// <c>dotnet DiaBan.Web.dll user add --email E --role admin|leader|planner|police [--area CODE,...]</c>: the app's own
/// database and Identity rules, run once instead of serving. The password comes from the terminal without echo (twice),
/// or from the first line of standard input when it is redirected; never from an argument or a default.
/// </summary>
public static class UserCommand
{
    public static bool Matches(string[] args) => args is ["user", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args is not ["user", "add", .. var rest] || Value(rest, "--email") is not { Length: > 0 } email || Value(rest, "--role") is not { } role)
        {
            Console.Error.WriteLine("usage: user add --email E --role admin|leader|planner|police [--area CODE,...]");
            return 2;
        }
        var areas = (Value(rest, "--area") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var password = ReadPassword();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("no password given (or the two entries differ)");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var problem = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(email, role, areas, password);
        if (problem is not null)
        {
            Console.Error.WriteLine($"user add {email}: {problem}");
            return 1;
        }
        Console.WriteLine($"created {email} ({role})" + (TwoFactorPolicy.Roles.Contains(role) ? "; the first sign-in enrols an authenticator" : ""));
        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }
        var first = ReadHidden("Mật khẩu / Password: ");
        var second = ReadHidden("Nhập lại / Repeat: ");
        return first == second ? first : null;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}

using System.CommandLine;

namespace DiaBan.Cli;

/// <summary>Options every command accepts (recursive: they may stand anywhere after `diaban`).</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "PostgreSQL connection string (or DIABAN_DB); without it a private cluster under <home>/.diaban/pg / chuỗi kết nối CSDL",
        HelpName = "connection string",
        Recursive = true,
    };

    public static readonly Option<string?> Home = new("--home")
    {
        Description = "folder holding .diaban/ (or DIABAN_HOME; default: the repository) / thư mục chứa .diaban/",
        HelpName = "folder",
        Recursive = true,
    };
}

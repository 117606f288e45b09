using Resilience.Reports.Cli;

return await ReportCommand.InvokeAsync(args);

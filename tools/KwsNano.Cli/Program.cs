// Wiring only: each command lives in Commands/<Name>Command.cs.
return KwsNano.Cli.CliApp.Run(args, KwsNano.Cli.SystemCliConsole.Instance);

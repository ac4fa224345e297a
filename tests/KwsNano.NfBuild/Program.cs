return KwsNano.NfBuild.NfBuildCli.Run(args, Console.Out, Console.Error);

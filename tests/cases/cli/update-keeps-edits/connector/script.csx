public class Script : ScriptBase {}

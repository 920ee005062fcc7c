"""One screen per module; dialogs are `XxxDialog(ModalScreen[T])` that dismiss a value."""

function init(): void {
  console.log("hi");
}
init();
